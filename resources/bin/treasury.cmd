@echo off
rem Runs in: cmd.exe or PowerShell on Windows, as the installed `treasury` command. Shipped in the
rem app's resources\bin folder; add that folder to PATH. It runs Treasury.exe with --cli, which
rem runs one command and exits without opening a window (the RunAsNode fuse stays off). A batch
rem file waits for the program it starts, so the command's exit code is passed on.
setlocal
set "TREASURY_EXE=%~dp0..\..\Treasury.exe"
if not exist "%TREASURY_EXE%" (
  echo treasury: Treasury.exe was not found next to %~dp0. Reinstall Treasury. 1>&2
  exit /b 1
)
"%TREASURY_EXE%" --cli %*
exit /b %ERRORLEVEL%
