# Builds the Windows MSI of HeadlessAnalytics Console into target\dist\.
# The mirror of build-linux.sh for a CI job on Windows; NOT run on our Linux machines (unverified).
#
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-NoBuild] [-Type msi|exe]
#
# Needs a JDK 21+ with jlink and jpackage (JAVA_HOME if it is one, else the newest under the
# usual install folders) and the WiX Toolset on PATH, which jpackage uses to make the MSI.
param(
    [switch]$NoBuild,
    [ValidateSet('msi', 'exe')][string]$Type = 'msi'
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

# --- a JDK 21+ with jlink and jpackage --------------------------------------------------------
function Test-Jdk([string]$Dir) {
    if (-not $Dir -or -not (Test-Path "$Dir\bin\jpackage.exe") -or -not (Test-Path "$Dir\bin\jlink.exe")) { return $false }
    $line = Select-String -Path "$Dir\release" -Pattern '^JAVA_VERSION="(\d+)' -ErrorAction SilentlyContinue
    return ($line -and [int]$line.Matches[0].Groups[1].Value -ge 21)
}
$Jdk = $null
if (Test-Jdk $env:JAVA_HOME) {
    $Jdk = $env:JAVA_HOME
} else {
    $roots = 'C:\Program Files\Eclipse Adoptium', 'C:\Program Files\Java', 'C:\Program Files\Microsoft', 'C:\Program Files\Zulu'
    $Jdk = Get-ChildItem -Directory -Path $roots -ErrorAction SilentlyContinue |
        Sort-Object Name -Descending | ForEach-Object FullName | Where-Object { Test-Jdk $_ } | Select-Object -First 1
}
if (-not $Jdk) { throw 'build-windows: no JDK 21+ with jlink and jpackage (JAVA_HOME or C:\Program Files\...)' }
Write-Host "JDK: $Jdk"

if (-not $NoBuild) { Invoke-Tool 'mvn' @('-B', '-q', '-DskipTests', 'package') }
if (-not (Test-Path 'target\ha-console.jar')) { throw 'build-windows: target\ha-console.jar missing' }

$Version = ((Get-Content 'target\maven-archiver\pom.properties' | Where-Object { $_ -like 'version=*' }) -replace '^version=', '') -replace '-.*$', ''
Write-Host "Version: $Version"

# --- stage: JavaFX win jars -> module path, everything else -> classpath ------------------------
$Stage = 'target\jpackage'
$Dist = 'target\dist'
if (Test-Path $Stage) { Remove-Item -Recurse -Force $Stage }
New-Item -ItemType Directory -Force "$Stage\javafx", "$Stage\input", $Dist | Out-Null
Copy-Item 'target\ha-console.jar' "$Stage\input\"
$FxModules = @()
foreach ($jar in Get-ChildItem 'target\lib\*.jar') {
    if ($jar.Name -match '^javafx-([a-z]+)-[0-9].*-win\.jar$') {
        Copy-Item $jar.FullName "$Stage\javafx\"
        $FxModules += "javafx.$($Matches[1])"
    } elseif ($jar.Name -notlike 'javafx-*') {            # skip the empty javafx stub jars
        Copy-Item $jar.FullName "$Stage\input\"
    }
}
if (-not $FxModules) { throw 'build-windows: no javafx-*-win.jar in target\lib' }

# JDK modules from jpackage\modules.txt (build-linux.sh checks that list with jdeps),
# keeping only those this JDK has
$Available = & "$Jdk\bin\java.exe" --list-modules | ForEach-Object { ($_ -split '@')[0] }
$Modules = Get-Content 'jpackage\modules.txt' | ForEach-Object { ($_ -replace '#.*$', '').Trim() } |
    Where-Object { $_ -and ($Available -contains $_) }
$AllModules = (@($Modules) + $FxModules) -join ','
Write-Host "Modules: $AllModules"

Invoke-Tool "$Jdk\bin\jlink.exe" @('--module-path', "$Stage\javafx", '--add-modules', $AllModules,
    '--strip-debug', '--no-header-files', '--no-man-pages', '--compress=zip-6', '--output', "$Stage\runtime")

# --- jpackage (the @ arguments are quoted: a bare @ is PowerShell splatting) -----------------------
Invoke-Tool "$Jdk\bin\jpackage.exe" @('--type', $Type, '@jpackage/common.txt', '@jpackage/windows.txt',
    '--app-version', $Version, '--input', "$Stage\input", '--runtime-image', "$Stage\runtime", '--dest', $Dist)

Get-ChildItem $Dist | Format-Table Name, Length
