# Builds cswsock11.dll on Windows into artifacts\<rid>\ for win-x64, and for win-x86 where the
# NativeAOT packages for it can be restored; copies the header beside it; then builds the sample
# with the MSVC compiler (from a Developer PowerShell of the same architecture) and runs it.
# cswsock11.def is applied to the link by src\CSWSock.Native\CSWSock.Native.csproj.
# win-x86 links with cswsock11.x86.def instead: the same exports, bound to the __stdcall-decorated symbols.
param([string[]] $RuntimeIdentifiers = @('win-x64', 'win-x86'))

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$project = Join-Path $root 'src\CSWSock.Native'

foreach ($rid in $RuntimeIdentifiers) {
    # 32-bit NativeAOT packages are not published for every .NET release: skip, don't fail.
    dotnet restore $project -r $rid --nologo
    if ($LASTEXITCODE -ne 0) {
        if ($rid -eq 'win-x86') { Write-Warning "win-x86: the NativeAOT packages cannot be restored; skipped"; continue }
        throw "dotnet restore failed for $rid"
    }

    $out = Join-Path $root "artifacts\$rid"
    dotnet publish $project -r $rid -c Release -o $out --no-restore --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed for $rid" }
    Copy-Item (Join-Path $root 'include\cswsock11.h') $out

    # cl.exe targets the Developer PowerShell's architecture (VSCMD_ARG_TGT_ARCH: x64 or x86).
    $arch = $rid.Substring(4)
    if ((Get-Command cl.exe -ErrorAction SilentlyContinue) -and $env:VSCMD_ARG_TGT_ARCH -eq $arch) {
        $sample = Join-Path $out 'client.exe'
        cl.exe /nologo /W4 /WX /I $out (Join-Path $root 'samples\client.c') "/Fe:$sample" "/Fo:$out\" (Join-Path $out 'cswsock11.lib') ws2_32.lib
        if ($LASTEXITCODE -ne 0) { throw "sample build failed for $rid" }
        & $sample
        if ($LASTEXITCODE -ne 0) { throw "sample failed for $rid" }
    } else {
        Write-Warning "no cl.exe for $arch on PATH (use a $arch Developer PowerShell): the $rid sample was not built"
    }
}
