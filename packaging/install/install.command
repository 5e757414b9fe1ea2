#!/bin/sh
# macOS: double-click (or right-click > Open) to install Satchel @VERSION@ from this folder,
# with no internet. The same steps as install.sh, which it runs.
cd "$(dirname "$0")" && sh ./install.sh
status=$?
printf '\nPress Return to close this window.'
read -r _
exit $status
