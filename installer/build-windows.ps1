# Builds the Windows installer (MSI) and app-image of HeadlessAnalytics Console into target\dist\.
# The mirror of build-linux.sh, run by the CI workflow (.github/workflows/installers.yml) on
# windows-latest; on a Linux machine it is only parsed by installer/lint.sh.
#
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-NoBuild] [-Type msi|exe|app-image|all]
#
#   -NoBuild  reuse target\ha-console.jar and target\lib (built before by mvn -DskipTests package)
#   -Type     msi (default), exe, app-image, or all (app-image and msi)
#
# Layout (see build-linux.sh): the JavaFX jars for Windows in target\lib are jlinked into a trimmed
# runtime as modules; the app jar and every other jar go on the classpath. The MSI installs per user
# (no administrator rights) under %LOCALAPPDATA%\HeadlessAnalytics with a Start-menu entry, a
# desktop shortcut, the .haproof association and two launchers: HeadlessAnalytics.exe (the window)
# and ha-console.exe (a console launcher for the CLI).
# Needs a JDK 21+ with jlink and jpackage (JAVA_HOME if it is one, else the newest under the usual
# install folders) and, for msi and exe, the WiX Toolset: v3 (candle.exe and light.exe) for any
# JDK 21+, or v4/v5 (wix.exe with the WixToolset.Util and WixToolset.UI extensions) for JDK 24+.
param(
    [switch]$NoBuild,
    [ValidateSet('msi', 'exe', 'app-image', 'all')][string]$Type = 'msi'
)
$ErrorActionPreference = 'Stop'

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Tool {
    # run a native tool and stop on a non-zero exit code
    param([string]$Exe, [string[]]$ToolArgs)
    & $Exe @ToolArgs
    if ($LASTEXITCODE -ne 0) { throw "$Exe exited with $LASTEXITCODE" }
}

$Types = if ($Type -eq 'all') { @('app-image', 'msi') } else { @($Type) }

# --- a JDK 21+ with jlink and jpackage --------------------------------------------------------
function Get-JdkFeature([string]$Dir) {
    # the feature number from the JDK's release file (21 for JAVA_VERSION="21.0.5"), 0 if none
    $line = Select-String -Path (Join-Path $Dir 'release') -Pattern '^JAVA_VERSION="(\d+)' -ErrorAction SilentlyContinue
    if ($line) { return [int]$line.Matches[0].Groups[1].Value }
    return 0
}
function Test-Jdk([string]$Dir) {
    if (-not $Dir -or -not (Test-Path "$Dir\bin\jpackage.exe") -or -not (Test-Path "$Dir\bin\jlink.exe")) { return $false }
    return ((Get-JdkFeature $Dir) -ge 21)
}
$Jdk = $null
if (Test-Jdk $env:JAVA_HOME) {
    $Jdk = $env:JAVA_HOME
} else {
    $roots = 'C:\Program Files\Eclipse Adoptium', 'C:\Program Files\Java', 'C:\Program Files\Microsoft', 'C:\Program Files\Zulu'
    $Jdk = Get-ChildItem -Directory -Path $roots -ErrorAction SilentlyContinue |
        Sort-Object -Property { Get-JdkFeature $_.FullName } -Descending | ForEach-Object FullName |
        Where-Object { Test-Jdk $_ } | Select-Object -First 1
}
if (-not $Jdk) { throw 'build-windows: no JDK 21+ with jlink and jpackage (JAVA_HOME or C:\Program Files\...)' }
$JdkFeature = Get-JdkFeature $Jdk
Write-Host "JDK: $Jdk ($JdkFeature)"

# --- the WiX Toolset, which jpackage runs to make the MSI ---------------------------------------
if ($Types -contains 'msi' -or $Types -contains 'exe') {
    if (-not (Get-Command 'candle.exe' -ErrorAction SilentlyContinue) -and $env:WIX -and (Test-Path "$env:WIX\bin\candle.exe")) {
        $env:PATH = "$env:WIX\bin;$env:PATH"           # the WiX 3 installer sets WIX but not PATH
    }
    $wix3 = (Get-Command 'candle.exe' -ErrorAction SilentlyContinue) -and (Get-Command 'light.exe' -ErrorAction SilentlyContinue)
    $wix4 = [bool](Get-Command 'wix.exe' -ErrorAction SilentlyContinue)
    if (-not $wix3 -and -not ($wix4 -and $JdkFeature -ge 24)) {
        throw ("build-windows: $($Types -join ', ') needs the WiX Toolset on PATH: v3 (candle.exe, light.exe), " +
            'or with JDK 24+ v4/v5 (dotnet tool install --global wix --version 5.0.2; ' +
            'wix extension add -g WixToolset.Util.wixext/5.0.2 WixToolset.UI.wixext/5.0.2)')
    }
    Write-Host ('WiX: ' + $(if ($wix3) { (Get-Command 'candle.exe').Source } else { (Get-Command 'wix.exe').Source }))
}

# --- the jar and its libraries -----------------------------------------------------------------
if (-not $NoBuild) {
    Write-Host 'Building the jar: mvn -B -q -DskipTests package'
    Invoke-Tool 'mvn' @('-B', '-q', '-DskipTests', 'package')
}
if (-not (Test-Path 'target\ha-console.jar') -or -not (Test-Path 'target\lib')) {
    throw 'build-windows: target\ha-console.jar or target\lib missing; run without -NoBuild'
}

# jpackage wants a plain numeric version: drop a qualifier such as -SNAPSHOT
$Version = ((Get-Content 'target\maven-archiver\pom.properties' | Where-Object { $_ -like 'version=*' }) -replace '^version=', '') -replace '-.*$', ''
Write-Host "Version: $Version"

# --- stage: JavaFX Windows jars -> module path, everything else -> classpath --------------------
$Stage = 'target\jpackage'
$Dist = 'target\dist'
if (Test-Path $Stage) { Remove-Item -Recurse -Force $Stage }
New-Item -ItemType Directory -Force "$Stage\javafx", "$Stage\input", $Dist | Out-Null
Copy-Item 'target\ha-console.jar' "$Stage\input\"
$FxModules = @()
foreach ($jar in Get-ChildItem 'target\lib\*.jar') {
    if ($jar.Name -match '^javafx-([a-z]+)-[0-9][^-]*-win\.jar$') {    # javafx-controls-21.0.11-win.jar
        Copy-Item $jar.FullName "$Stage\javafx\"
        $FxModules += "javafx.$($Matches[1])"
    } elseif ($jar.Name -notlike 'javafx-*') {                       # skip the empty javafx stub jars
        Copy-Item $jar.FullName "$Stage\input\"
    }
}
if (-not $FxModules) { throw 'build-windows: no javafx-*-win.jar in target\lib' }

# --- JDK modules: jpackage\modules.txt, plus whatever jdeps finds in the shipped jars -----------
$Modules = @(Get-Content 'jpackage\modules.txt' | ForEach-Object { ($_ -replace '#.*$', '').Trim() } | Where-Object { $_ })
# jdeps cannot take modular jars whose required modules are absent (TilesFX needs javafx.web),
# so it reads the unpacked classes with every module-info removed: all of it runs on the classpath.
$JdepsDir = "$Stage\jdeps"
$classDirs = @()
foreach ($jar in Get-ChildItem "$Stage\input\*.jar") {
    $dir = Join-Path $JdepsDir $jar.BaseName
    New-Item -ItemType Directory -Force $dir | Out-Null
    Push-Location $dir
    try { Invoke-Tool "$Jdk\bin\jar.exe" @('xf', $jar.FullName) } finally { Pop-Location }
    $classDirs += $dir
}
Get-ChildItem $JdepsDir -Recurse -Filter 'module-info.class' | Remove-Item -Force
# (Windows PowerShell turns redirected stderr lines into errors, which 'Stop' would make fatal)
$ErrorActionPreference = 'Continue'
$jdepsOut = & "$Jdk\bin\jdeps.exe" --ignore-missing-deps --print-module-deps @classDirs 2>$null
$jdepsExit = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
$Found = @($jdepsOut)[-1]
Remove-Item -Recurse -Force $JdepsDir
if ($jdepsExit -ne 0 -or $Found -notmatch '^java\.') { throw 'build-windows: jdeps gave no module list' }
foreach ($m in $Found -split ',') {
    if ($Modules -notcontains $m) {
        Write-Host "NOTE: jdeps needs $m, which jpackage\modules.txt lacks: linking it anyway; add it there"
        $Modules += $m
    }
}
# link only modules this JDK has (jdk.crypto.ec, for one, is on its way out of the JDK)
$Available = & "$Jdk\bin\java.exe" --list-modules | ForEach-Object { ($_ -split '@')[0] }
$Link = @()
foreach ($m in $Modules) {
    if ($Available -contains $m) { $Link += $m } else { Write-Host "NOTE: $m is not in this JDK; skipped" }
}
Write-Host "jdeps: $Found"
Write-Host "JDK modules: $($Link -join ',')"
Write-Host "JavaFX modules: $($FxModules -join ',')"

# --- trimmed runtime (a JDK without jmods links from itself, JEP 493) -----------------------------
Invoke-Tool "$Jdk\bin\jlink.exe" @('--module-path', "$Stage\javafx", '--add-modules', (($Link + $FxModules) -join ','),
    '--strip-debug', '--no-header-files', '--no-man-pages', '--compress=zip-6', '--output', "$Stage\runtime")

# --- jpackage: app-image, msi or exe from the same runtime ----------------------------------------
# The @ arguments are quoted: a bare @ is PowerShell splatting. The icon and the console launcher
# are valid for every type; jpackage\windows.txt holds the installer options (msi and exe only).
$Common = @('@jpackage/common.txt', '--app-version', $Version, '--input', "$Stage\input",
    '--runtime-image', "$Stage\runtime", '--dest', $Dist, '--icon', 'assets/icon.ico',
    '--add-launcher', 'ha-console=jpackage/windows-cli-launcher.properties')
$Outputs = @()
foreach ($t in $Types) {
    if ($t -eq 'app-image') {
        if (Test-Path "$Dist\HeadlessAnalytics") { Remove-Item -Recurse -Force "$Dist\HeadlessAnalytics" }
        Invoke-Tool "$Jdk\bin\jpackage.exe" (@('--type', 'app-image') + $Common)
        $Outputs += "$Dist\HeadlessAnalytics"
    } else {
        # HeadlessAnalytics-<version>.msi (or .exe)
        Remove-Item "$Dist\HeadlessAnalytics-*.$t" -ErrorAction SilentlyContinue
        Invoke-Tool "$Jdk\bin\jpackage.exe" (@('--type', $t) + $Common + @('@jpackage/windows.txt'))
        $Outputs += "$Dist\HeadlessAnalytics-$Version.$t"
    }
}

Write-Host ''
foreach ($out in $Outputs) {
    if (-not (Test-Path $out)) { throw "build-windows: $out was not made" }
    $bytes = (Get-ChildItem $out -Recurse -File | Measure-Object -Property Length -Sum).Sum
    Write-Host ('Built: {0,6:N1} MB  {1}' -f ($bytes / 1048576), (Resolve-Path $out))
}
