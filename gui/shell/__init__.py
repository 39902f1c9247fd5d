"""The window shell: the main window, menus, appearance, dialogs, help panels, code viewer and lesson
mode. Only the shell knows the tabs."""
