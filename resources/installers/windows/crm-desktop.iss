; Inno Setup 6 script: the Windows installer for CRM Desktop.
;
; Build (on Windows, after `pyinstaller build.spec --noconfirm`), from the repository root:
;   iscc resources\installers\windows\crm-desktop.iss
; Output: dist\crm-desktop-<version>-setup.exe
; Options: /DSourceDir=<bundle folder>  /DOutputDir=<folder>  /DAppVersion=<x.y.z>
;
; - Installs per user, without administrator rights, to %LOCALAPPDATA%\Programs\CRM Desktop
;   (PrivilegesRequired=lowest); an administrator may choose "all users" in the first dialog.
; - Start-menu entry (and an optional desktop shortcut); "CRM Desktop" in Apps & features.
; - The version comes from the app: build.spec writes crm_desktop.__version__ into the EXE's
;   version resource, and this script reads it back from there.
; - Upgrading: installing a newer version over an older one (same AppId) closes the running
;   app, replaces the program files and keeps the data; the app migrates the database on its
;   next start and keeps a copy of the old file beside it.
; - Uninstalling removes only what was installed: the salespeople's data in
;   %LOCALAPPDATA%\crm-desktop\ (database, backups, settings) is never deleted.

#define AppName "CRM Desktop"
#define AppExeName "crm-desktop.exe"
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\..\dist\crm-desktop"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\..\dist"
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(SourceDir + "\" + AppExeName, "ProductVersion")
#endif
#if AppVersion == ""
  #error Could not read the version from the EXE: build it with build.spec or pass /DAppVersion=x.y.z
#endif

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{6F3C2A91-5B7E-4C1D-9A8E-2D4B7C6E1F30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=crm-desktop-{#AppVersion}-setup
SetupIconFile=..\..\icons\crm-desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#ifexist "compiler:Languages\ChineseSimplified.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: files a newer build no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes the installed files only,
; never %LOCALAPPDATA%\crm-desktop (the user's database and backups).
