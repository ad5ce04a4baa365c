# Smoke test of the Windows MSI, run by the CI workflow on windows-latest after build-windows.ps1:
# installs the MSI for the current user (msiexec /qn, no administrator rights), checks the files, the
# Start-menu entry and the .haproof association, runs the console launcher (--version, keys create
# in the default data folder, verify of a good and a tampered proof packet), optionally opens the
# window, then uninstalls and checks that the program is gone and the user's data folder is not.
# Exits non-zero on the first failure; uninstalls on the way out if it had installed.
#
#   powershell -ExecutionPolicy Bypass -File installer\smoke-windows.ps1 [-Msi FILE] [-Window]
#
#   -Msi     the MSI to test (default: the one in target\dist)
#   -Window  also start HeadlessAnalytics.exe and wait for its window (needs a desktop session)
param(
    [string]$Msi,
    [switch]$Window
)
$ErrorActionPreference = 'Stop'

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Fail([string]$Message) { throw "FAIL: $Message" }
function Ok([string]$Message) { Write-Host "ok: $Message" }

if (-not $Msi) {
    $Msi = Get-ChildItem 'target\dist\HeadlessAnalytics-*.msi' -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1 -ExpandProperty FullName
}
if (-not $Msi -or -not (Test-Path $Msi)) { Fail 'no MSI (build it with installer\build-windows.ps1)' }
$Msi = (Resolve-Path $Msi).Path
$Version = ((Get-Content 'target\maven-archiver\pom.properties' | Where-Object { $_ -like 'version=*' }) -replace '^version=', '')
Write-Host "Testing $Msi (app version $Version)"

# per-user MSIs from jpackage install into LocalAppDataFolder\<name>
$AppDir = Join-Path $env:LOCALAPPDATA 'HeadlessAnalytics'
$Cli = Join-Path $AppDir 'ha-console.exe'
$Gui = Join-Path $AppDir 'HeadlessAnalytics.exe'
$DataDir = Join-Path $env:APPDATA 'HeadlessAnalytics'     # app.DataFolders on Windows
$Work = Join-Path ([IO.Path]::GetTempPath()) ("ha-msi-test-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Force $Work | Out-Null
$Installed = $false

function Invoke-Msiexec([string[]]$MsiArgs, [string]$Log) {
    $p = Start-Process -FilePath 'msiexec.exe' -ArgumentList ($MsiArgs + @('/qn', '/norestart', '/l*v', "`"$Log`"")) -Wait -PassThru
    # 0 done, 3010 done but a restart is wanted
    if ($p.ExitCode -ne 0 -and $p.ExitCode -ne 3010) {
        if (Test-Path $Log) { Get-Content $Log -Tail 60 }
        Fail "msiexec $($MsiArgs -join ' ') exited with $($p.ExitCode) (log: $Log)"
    }
}

function Invoke-Cli([string[]]$CliArgs) {
    # run ha-console.exe; returns its output lines and sets $script:CliExit
    $ErrorActionPreference = 'Continue'
    $out = & $Cli @CliArgs 2>&1 | ForEach-Object { "$_" }
    $script:CliExit = $LASTEXITCODE
    return $out
}

try {
    # --- install --------------------------------------------------------------------------------
    if (Test-Path $Cli) { Fail "$AppDir already holds an installation; uninstall it first" }
    $Installed = $true
    Invoke-Msiexec @('/i', "`"$Msi`"") (Join-Path $Work 'install.log')
    foreach ($f in $Cli, $Gui, (Join-Path $AppDir 'app\ha-console.jar'), (Join-Path $AppDir 'runtime\bin\java.dll')) {
        if (-not (Test-Path $f)) { Fail "$f missing after install" }
    }
    $size = (Get-ChildItem $AppDir -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1048576
    Ok ('installed per user into {0} ({1:N0} MB)' -f $AppDir, $size)

    # --- Start-menu entry and .haproof association -------------------------------------------------
    $menus = @([Environment]::GetFolderPath('Programs'), [Environment]::GetFolderPath('CommonPrograms'))
    $links = @($menus | Where-Object { $_ -and (Test-Path $_) } |
        ForEach-Object { Get-ChildItem $_ -Recurse -Filter 'HeadlessAnalytics*.lnk' -ErrorAction SilentlyContinue })
    if (-not $links) { Fail "no HeadlessAnalytics shortcut in the Start menu ($($menus -join ', '))" }
    Ok "Start-menu entry $($links[0].FullName)"
    # HKEY_CLASSES_ROOT is the merged view Explorer reads; a per-user MSI writes under HKCU\Software\Classes
    $assoc = 'Registry::HKEY_CLASSES_ROOT\.haproof'
    if (-not (Test-Path $assoc)) { Fail ".haproof is not registered ($assoc)" }
    $progId = (Get-Item $assoc).GetValue('')
    $command = if ($progId) { (Get-Item "Registry::HKEY_CLASSES_ROOT\$progId\shell\open\command" -ErrorAction SilentlyContinue) } else { $null }
    $commandLine = if ($command) { $command.GetValue('') } else { '' }
    if ($commandLine -notlike '*HeadlessAnalytics.exe*') { Fail ".haproof (ProgID '$progId') does not open with HeadlessAnalytics.exe: '$commandLine'" }
    Ok ".haproof -> $progId -> $commandLine"

    # --- the console launcher ----------------------------------------------------------------------
    Remove-Item Env:\HA_DATA_DIR -ErrorAction SilentlyContinue
    $out = Invoke-Cli @('--version')
    if ($CliExit -ne 0) { Fail "--version exited with $CliExit`: $out" }
    $line = @($out | Where-Object { $_ -match "^ha-console $([regex]::Escape($Version))" })
    if (-not $line) { Fail "--version printed '$($out -join "`n")', not ha-console $Version" }
    Ok "ha-console.exe --version: $($line[0])"

    $dataExisted = Test-Path $DataDir
    $out = Invoke-Cli @('keys', 'create')
    $key = @($out | Where-Object { $_ -like 'ha_live_*' })[0]
    if ($CliExit -ne 0 -or $key -notlike 'ha_live_*') { Fail "keys create exited with $CliExit`: $($out -join "`n")" }
    if (-not (Test-Path (Join-Path $DataDir '*'))) { Fail "keys create wrote nothing into $DataDir" }
    Ok "keys create in the default data folder $DataDir (H2 + Flyway): $($key.Substring(0, 12))..."

    $pem = 'src\test\resources\proof-corpus\TEST-ONLY-corpus-public-key.pem'
    $out = Invoke-Cli @('verify', '--key', $pem, 'src\test\resources\proof-corpus\good.haproof')
    if ($CliExit -ne 0 -or -not ($out | Where-Object { $_ -like 'VALID:*' })) { Fail "verify good.haproof exited with $CliExit`: $($out -join "`n")" }
    $out = Invoke-Cli @('verify', '--key', $pem, 'src\test\resources\proof-corpus\tampered.haproof')
    if ($CliExit -ne 1 -or -not ($out | Where-Object { $_ -like 'INVALID:*' })) { Fail "verify tampered.haproof exited with $CliExit (expected 1): $($out -join "`n")" }
    Ok 'verify: good.haproof VALID (exit 0), tampered.haproof INVALID (exit 1)'

    # --- the window ----------------------------------------------------------------------------------
    if ($Window) {
        $env:HA_DATA_DIR = Join-Path $Work 'gui-data'
        $gui = Start-Process -FilePath $Gui -PassThru -RedirectStandardOutput (Join-Path $Work 'gui.out') -RedirectStandardError (Join-Path $Work 'gui.err')
        Remove-Item Env:\HA_DATA_DIR
        $title = $null
        for ($i = 0; $i -lt 90 -and -not $title; $i++) {
            Start-Sleep -Seconds 1
            $gui.Refresh()
            if ($gui.HasExited) { Get-Content (Join-Path $Work 'gui.err') -Tail 40; Fail "HeadlessAnalytics.exe exited ($($gui.ExitCode)) before showing a window" }
            if ($gui.MainWindowHandle -ne [IntPtr]::Zero -and $gui.MainWindowTitle) { $title = $gui.MainWindowTitle }
        }
        if (-not $title) { Stop-Process -Id $gui.Id -Force; Fail 'no window from HeadlessAnalytics.exe within 90 s' }
        Start-Sleep -Seconds 5
        $gui.Refresh()
        if ($gui.HasExited) { Fail 'HeadlessAnalytics.exe exited after opening its window' }
        Stop-Process -Id $gui.Id -Force
        $gui.WaitForExit()
        $errors = Select-String -Path (Join-Path $Work 'gui.*') -Pattern 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|Module .* not found|Exception in Application'
        if ($errors) { $errors | ForEach-Object { Write-Host $_.Line }; Fail 'the window run logged a packaging error (above)' }
        Ok "window '$title' shown"
    }

    # --- uninstall ---------------------------------------------------------------------------------
    Invoke-Msiexec @('/x', "`"$Msi`"") (Join-Path $Work 'uninstall.log')
    $Installed = $false
    if (Test-Path $Cli) { Fail "$Cli still there after uninstall" }
    if (Test-Path $assoc) { Fail ".haproof still registered after uninstall ($assoc)" }
    if (-not (Test-Path (Join-Path $DataDir '*'))) { Fail "uninstall removed the data folder $DataDir" }
    Ok "uninstalled: $AppDir and the association are gone; the data folder $DataDir is kept"
    if (-not $dataExisted) { Remove-Item -Recurse -Force $DataDir }     # the test's own data
    Write-Host "PASS: $Msi"
} finally {
    if ($Installed) {
        Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', "`"$Msi`"", '/qn', '/norestart') -Wait | Out-Null
    }
    Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
}
