; Inno Setup 6.3 (or newer) script: a Windows installer for the folder that packaging\delegation.spec
; builds in dist\Delegation\. Built on Windows, from the project's folder:
;
;   pyinstaller --noconfirm packaging\delegation.spec
;   iscc packaging\windows\delegation.iss
;
; It writes dist\Delegation-<version>-setup.exe. A user without administrator rights
; installs into their own profile; an administrator may choose all users.

#ifndef AppVersion
  ; Kept equal to delegation.__version__ by the tests; /DAppVersion=... overrides it.
  #define AppVersion "0.1.0"
#endif
#define AppName "Delegation"
#define Root AddBackslash(SourcePath) + "..\.."

[Setup]
; The same AppId for every release, so that a new version replaces the old one.
AppId={{E5841B6F-8AF1-4AD2-8AEC-EE27F7235C4F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Delegation team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#Root}\packaging\icons\delegation.ico
UninstallDisplayIcon={app}\Delegation.exe
OutputDir={#Root}\dist
OutputBaseFilename=Delegation-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Delegation holds its files open: ask to close it before replacing them.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new version replaces the program's files whole: a file the previous version had and
; this one has not (a schema revision renamed, say) must not stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\Delegation\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\Delegation.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Delegation.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Delegation.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The user's database (in %LOCALAPPDATA%\delegation) is theirs: uninstalling leaves it.
