; AppealDesk installer (NSIS 3, Unicode). Russian interface, per-user install without administrator rights.
;
;   makensis -DBUNDLE=<dist\AppealDesk> -DVERSION=0.1.0 -DOUTFILE=<AppealDesk-0.1.0-setup.exe> -DICON=<appealdesk.ico> appealdesk.nsi
;
; scripts/build_installer.sh runs it on Linux (against the Linux bundle, so the syntax is checked there);
; .github/workflows/windows.yml runs it on Windows against dist\AppealDesk.
;
; The program goes to %LOCALAPPDATA%\Programs\AppealDesk; the user's data (the database, backups, logs,
; desktop.json) lives apart in %LOCALAPPDATA%\AppealDesk, so an upgrade or an uninstall never touches it
; unless the user ticks "also delete the data" in the uninstaller.

Unicode true
ManifestDPIAware true
!ifdef NSIS_FAST
  SetCompressor zlib  ; the syntax check in CI on Linux: seconds instead of a minute
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\dist\AppealDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\AppealDesk-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !define ICON "..\resources\icons\appealdesk.ico"
!endif

!define APP "AppealDesk"
!define EXE "AppealDesk.exe"
!define PUBLISHER "AppealDesk"
!define REGKEY "Software\AppealDesk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\AppealDesk"
!define DATADIR "$LOCALAPPDATA\AppealDesk"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "nsDialogs.nsh"

Name "${APP}"
Caption "Установка ${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${REGKEY}" "InstallDir"
BrandingText "${APP} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1049 "ProductName" "${APP}"
VIAddVersionKey /LANG=1049 "FileDescription" "Установка ${APP} — обращения граждан"
VIAddVersionKey /LANG=1049 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1049 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Установка ${APP} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Программа регистрации обращений граждан и контроля сроков их рассмотрения (59-ФЗ).$\r$\n$\r$\nУстановка не требует прав администратора: программа ставится только для текущего пользователя.$\r$\n$\r$\nЕсли программа уже установлена, она будет обновлена; база обращений и резервные копии сохранятся."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Запустить ${APP}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Russian"

Var RemoveData
Var RemoveDataBox

; -- install ----------------------------------------------------------------------------------------
Function .onInit
  SetShellVarContext current
  ; an earlier installation: upgrade it in place
  ReadRegStr $0 HKCU "${REGKEY}" "InstallDir"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Section "AppealDesk" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"

  ; the program must not be running while its files are replaced
  retry:
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    ClearErrors
    Rename "$INSTDIR\${EXE}" "$INSTDIR\${EXE}.old"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Программа ${APP} сейчас запущена. Закройте её и нажмите «Повтор»." IDRETRY retry
      Abort "Установка прервана: программа ${APP} запущена."
    ${EndIf}
    Delete "$INSTDIR\${EXE}.old"
  ${EndIf}

  ; an upgrade: the files of the old version go first (the data folder is elsewhere and is kept)
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  File "/oname=$INSTDIR\appealdesk.ico" "${ICON}"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\appealdesk.ico" 0 SW_SHOWNORMAL "" "Обращения граждан: регистрация и контроль сроков"
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\appealdesk.ico" 0 SW_SHOWNORMAL "" "Обращения граждан: регистрация и контроль сроков"

  WriteRegStr HKCU "${REGKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REGKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APP} — обращения граждан"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\appealdesk.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

; -- uninstall --------------------------------------------------------------------------------------
Function un.onInit
  SetShellVarContext current
  StrCpy $RemoveData "0"
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "Данные программы" "База обращений, резервные копии и журнал работы"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "Данные программы хранятся отдельно от неё, в папке:$\r$\n${DATADIR}$\r$\n$\r$\nПо умолчанию они сохраняются: их подхватит программа, если её установить снова."
  Pop $0
  ${NSD_CreateCheckbox} 0 60u 100% 12u "Удалить также данные (базу обращений, резервные копии в этой папке, журнал работы)"
  Pop $RemoveDataBox
  ${NSD_CreateLabel} 0 78u 100% 24u "Резервные копии в других папках (например, на флешке) не удаляются."
  Pop $0
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $RemoveDataBox $0
  ${If} $0 == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Удалить базу обращений и резервные копии из папки ${DATADIR}? Восстановить их будет невозможно." IDYES +2
    Abort
    StrCpy $RemoveData "1"
  ${Else}
    StrCpy $RemoveData "0"
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  ; only what the installer put there: never a recursive delete of a folder the user may have chosen
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\appealdesk.ico"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} $RemoveData == "1"
    RMDir /r "${DATADIR}"
  ${EndIf}
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${REGKEY}"
SectionEnd
