@echo off
rem Install Satchel @VERSION@ from this folder, with no internet (Windows): double-click it.
rem It keeps a copy of this folder (to pass Satchel on later), makes a Python environment
rem from wheels\ (pip --no-index: nothing is downloaded), checks the copy's signature
rem with the Satchel it installed, and puts a Satchel shortcut on the desktop.
setlocal EnableExtensions
set "VERSION=@VERSION@"
set "HERE=%~dp0"
if "%HERE:~-1%"=="\" set "HERE=%HERE:~0,-1%"
set "APP=%LOCALAPPDATA%\Satchel App"
set "KEPT=%APP%\satchel-%VERSION%"
set "VENV=%APP%\venv-%VERSION%"
if not exist "%APP%" mkdir "%APP%"

set "PY="
for %%V in (3.13 3.12 3.11) do (
  if not defined PY (
    py -%%V -c "import sys" >nul 2>&1 && set "PY=py -%%V"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))" >nul 2>&1 && set "PY=python"
)
if not defined PY (
  echo Satchel was not installed: it needs Python 3.11, 3.12 or 3.13 ^(from python.org^).
  goto :end
)

if /I not "%HERE%"=="%KEPT%" (
  echo Copying this folder to %KEPT% ...
  if exist "%KEPT%" rmdir /s /q "%KEPT%"
  robocopy "%HERE%" "%KEPT%" /E /NFL /NDL /NJH /NJS /NP >nul
  if errorlevel 8 (
    echo Satchel was not installed: the folder could not be copied ^(is the disk full?^).
    goto :end
  )
)

echo Installing Satchel %VERSION% ^(from wheels, no internet^) ...
if exist "%VENV%" rmdir /s /q "%VENV%"
%PY% -m venv "%VENV%" || goto :failed
"%VENV%\Scripts\python.exe" -m pip install --quiet --disable-pip-version-check --no-index --find-links "%KEPT%\wheels" "satchel[desktop]==%VERSION%" || goto :failed

set "SATCHEL_RELEASE_DIR=%KEPT%"
"%VENV%\Scripts\satchel.exe" verify "%KEPT%"
if errorlevel 1 (
  rmdir /s /q "%VENV%"
  rmdir /s /q "%KEPT%"
  echo Satchel was not installed: this copy is not what the Satchel project signed.
  goto :end
)

rem The launcher: no console window (pythonw), and it knows the folder it came from.
> "%APP%\Satchel.bat" echo @echo off
>> "%APP%\Satchel.bat" echo set "SATCHEL_RELEASE_DIR=%KEPT%"
>> "%APP%\Satchel.bat" echo start "" "%VENV%\Scripts\pythonw.exe" -m reader.cli %%*
powershell -NoProfile -Command "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Desktop') + '\Satchel.lnk'); $s.TargetPath = '%APP%\Satchel.bat'; $s.WindowStyle = 7; $s.Save()" >nul 2>&1
echo.
echo Satchel %VERSION% is installed: open "Satchel" on your desktop.
echo Release fingerprint: @FINGERPRINT@
echo Compare it with the one a person you trust gave you ^(INSTALL.txt says how^).
goto :end

:failed
echo Satchel was not installed: Python could not install it from the wheels folder.
:end
echo.
pause
