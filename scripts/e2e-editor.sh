#!/usr/bin/env bash
# End to end, as a user: open the sample layout in the real editor window under Xvfb, drag the
# QR code 60 screen pixels to the right with the mouse, save with Ctrl+S, and check that the
# saved JSON moved it by 60 px / zoom. Then write on the page: double-click the lead story's
# body frame, Ctrl+Home, paste 测试 from the X clipboard with Ctrl+V, Esc, Ctrl+S, and check
# that the saved lead story starts with 测试 and that a bold run it had keeps its bold.
# Needs Xvfb, xdotool, xclip, xdpyinfo (x11-utils).
# Usage: scripts/e2e-editor.sh [path/to/paiban]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/paiban}
work=$(mktemp -d)
# The sample, with a bold red run in the lead story's first paragraph.
python3 - layouts/luzhong-2022-11-01.json "$work/page.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
lead = [s for s in d["stories"] if s["id"] == "lead"][0]
p = lead["paragraphs"][0]
text = p.pop("text")
p["runs"] = [{"text": text[:4]}, {"text": text[4:6], "bold": True, "color": "#d00000"}, {"text": text[6:]}]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
info="$work/screen.json"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 100); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY="$display"
# No D-Bus session: accessibility helpers stay off.
env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$work" XDG_CONFIG_HOME="$work/config" PAIBAN_SCREEN_INFO="$info" PAIBAN_RECOVERY_DIR="$work/recovery" "$bin" "$work/page.json" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 150); do [ -s "$info" ] && break; sleep 0.1; done
[ -s "$info" ] || { echo "the editor did not start:"; cat "$work/app.log"; exit 1; }
wid=$(xdotool search --sync --onlyvisible --name 'page.json' | head -1)
xdotool windowfocus --sync "$wid"
sleep 0.5
read -r x y zoom < <(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
e=[e for e in d["elements"] if e["id"]=="promo-qr"][0]
print(int(e["x"]+e["w"]/2), int(e["y"]+e["h"]/2), d["zoom"])' "$info")
before=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([e for e in d["pages"][0]["elements"] if e["id"]=="promo-qr"][0]["x"])' "$work/page.json")
xdotool mousemove --window "$wid" "$x" "$y"
sleep 0.2
xdotool mousedown 1
for dx in 10 20 30 40 50 60; do sleep 0.05; xdotool mousemove --window "$wid" $((x + dx)) "$y"; done
sleep 0.2
xdotool mouseup 1
sleep 0.3
xdotool key --window "$wid" ctrl+s
for _ in $(seq 50); do grep -q '"title": *"page.json' "$info" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
after=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([e for e in d["pages"][0]["elements"] if e["id"]=="promo-qr"][0]["x"])' "$work/page.json")
python3 - "$before" "$after" "$zoom" <<'PY'
import sys
before, after, zoom = map(float, sys.argv[1:])
mm = lambda px: px / zoom * 25.4 / 72  # screen px -> page mm
want, snap = mm(60), mm(6)  # the drag, and how far snapping may pull an edge
moved = after - before
print(f"QR code x: {before} mm -> {after} mm (moved {moved:.2f} mm, expected {want:.2f} ± {snap:.2f} mm)")
sys.exit(0 if abs(moved - want) <= snap + 0.01 else 1)
PY
echo "e2e: drag + Ctrl+S saved the move"

# Writing on the canvas: the caret, a paste from the X clipboard, Esc, save.
read -r bx by < <(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
e=[e for e in d["elements"] if e["id"]=="lead-body"][0]
print(int(e["x"]+e["w"]*0.3), int(e["y"]+e["h"]*0.5))' "$info")
printf '测试' | xclip -selection clipboard -i
xdotool mousemove --window "$wid" "$bx" "$by"
sleep 0.2
xdotool click --repeat 2 --delay 80 1
sleep 0.4
xdotool key --window "$wid" ctrl+Home
sleep 0.2
xdotool key --window "$wid" ctrl+v
sleep 0.4
xdotool key --window "$wid" Escape
sleep 0.2
xdotool key --window "$wid" ctrl+s
for _ in $(seq 50); do grep -q '"title": *"page.json' "$info" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
python3 - "$work/page.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
lead = [s for s in d["stories"] if s["id"] == "lead"][0]
p = lead["paragraphs"][0]
runs = p.get("runs") or [{"text": p.get("text", "")}]
text = "".join(r["text"] for r in runs)
bold = [r["text"] for r in runs if r.get("bold")]
print(f"lead story starts {text[:8]!r}; bold runs {bold}")
sys.exit(0 if text.startswith("测试") and bold == [text[6:8]] else 1)
PY
echo "e2e: typed on the canvas, the paste and the bold run were saved"
