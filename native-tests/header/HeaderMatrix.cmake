# The header compiles warning-free (-Wall -Wextra -pedantic -Werror) as C89, C99, C11, C++11 and
# C++17, with gcc and clang, with and without UNICODE; and, syntax only, against the mingw-w64
# Windows headers for 64- and 32-bit targets. Each combination is one CTest test, so a header
# change that breaks one of them fails the test run.
find_program(CLANG_EXECUTABLE NAMES clang-14 clang REQUIRED)
set(MINGW_TARGETS x86_64-w64-mingw32 i686-w64-mingw32)
set(HEADER_DIR "${CSWSOCK11_DIR}")
set(USAGE_C "${CMAKE_CURRENT_SOURCE_DIR}/header/usage.c")
set(USAGE_CXX "${CMAKE_CURRENT_SOURCE_DIR}/header/usage.cpp")

function(add_header_test name)
  add_test(NAME header.${name} COMMAND ${ARGN} ${STRICT_FLAGS} -fsyntax-only -I "${HEADER_DIR}")
endfunction()

foreach(unicode ansi unicode)
  set(define "")
  if(unicode STREQUAL "unicode")
    set(define -DUNICODE)
  endif()
  foreach(std c89 c99 c11)
    add_header_test(gcc.${std}.${unicode} ${CMAKE_C_COMPILER} -std=${std} ${define} ${USAGE_C})
    add_header_test(clang.${std}.${unicode} ${CLANG_EXECUTABLE} -std=${std} ${define} ${USAGE_C})
    foreach(target ${MINGW_TARGETS})
      add_header_test(${target}.${std}.${unicode} ${CLANG_EXECUTABLE} --target=${target} -std=${std} ${define} ${USAGE_C})
    endforeach()
  endforeach()
  foreach(std c++11 c++17)
    add_header_test(g++.${std}.${unicode} ${CMAKE_CXX_COMPILER} -std=${std} ${define} ${USAGE_CXX})
    add_header_test(clang++.${std}.${unicode} ${CLANG_EXECUTABLE} -x c++ -std=${std} ${define} ${USAGE_CXX})
    foreach(target ${MINGW_TARGETS})
      add_header_test(${target}.${std}.${unicode} ${CLANG_EXECUTABLE} --target=${target} -x c++ -std=${std} ${define} ${USAGE_CXX})
    endforeach()
  endforeach()
endforeach()

# The sample must also compile for Windows (build/build.ps1 builds it there with cl.exe).
foreach(target ${MINGW_TARGETS})
  add_test(NAME sample.${target} COMMAND ${CLANG_EXECUTABLE} --target=${target} -std=c11 ${STRICT_FLAGS} -fsyntax-only
           -I "${HEADER_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}/../samples/client.c")
endforeach()

# The complete C client the README shows compiles warning-free against the shipped header.
add_test(NAME readme.c-client COMMAND sh -c
  "sed -n '/^### From C or C++/,/^```sh/p' \"$0\" | sed -n '/^```c$/,/^```$/p' | sed '1d;$d' | \"$1\" -x c -std=c11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I \"$2\" -"
  "${CMAKE_CURRENT_SOURCE_DIR}/../README.md" "${CMAKE_C_COMPILER}" "${HEADER_DIR}")
