; Inno Setup script for the Windows installer of LM Anatomy.
; The release workflow runs: iscc /DAppVersion=<version> /DSourceDir=<onedir> scripts\bundle\lm-anatomy.iss
; It installs the PyInstaller onedir folder per user (no administrator rights needed),
; adds Start menu and optional desktop shortcuts, and registers an uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\dist\lm-anatomy"
#endif

[Setup]
AppId={{6A1C2E7B-3F0D-4C8A-9B51-LMANATOMY0001}
AppName=LM Anatomy
AppVersion={#AppVersion}
AppPublisher=LM Anatomy developers
DefaultDirName={localappdata}\Programs\LM Anatomy
DefaultGroupName=LM Anatomy
PrivilegesRequired=lowest
OutputDir=..\..\build\dist
OutputBaseFilename=lm-anatomy-{#AppVersion}-windows-setup
SetupIconFile=..\..\assets\icon\lm-anatomy.ico
UninstallDisplayIcon={app}\lm-anatomy.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\LM Anatomy"; Filename: "{app}\lm-anatomy.exe"
Name: "{group}\{cm:UninstallProgram,LM Anatomy}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\LM Anatomy"; Filename: "{app}\lm-anatomy.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\lm-anatomy.exe"; Description: "{cm:LaunchProgram,LM Anatomy}"; Flags: nowait postinstall skipifsilent
