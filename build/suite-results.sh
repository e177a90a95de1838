# suite-results.sh - sourced by the suite scripts (pascal-tests.sh, reference-examples.sh): counts
# their tests and prints the "N passed, N failed" line build/test.sh adds to its summary.
passed=0
failed=0

# result NAME STATUS [WHY]: one test's outcome, PASS or FAIL.
result() {
  if [ "$2" -eq 0 ]; then
    echo "PASS $1"
    passed=$((passed + 1))
  else
    echo "FAIL $1${3:+: $3}" >&2
    failed=$((failed + 1))
  fi
}

# finish_suite: the summary line; the exit status says whether anything failed.
finish_suite() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
