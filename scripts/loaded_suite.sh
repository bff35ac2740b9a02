#!/bin/bash
# The suite under load (issue 12, "a suite that never flakes"): a snapshot of HEAD, both cores kept
# busy by a `python -m bench animation` loop and two busy loops, the whole suite RUNS times.
# Usage: scripts/loaded_suite.sh RUNS [pytest args]   (uses ./.venv; results in /tmp/load/result-PID)
RUNS=${1:-5}; shift
REPO="$(cd "$(dirname "$0")/.." && pwd)"
VENV_PY="$REPO/.venv/bin/python"
SNAP=/tmp/snap-$$
mkdir -p $SNAP; (cd $REPO && git archive HEAD) | tar -x -C $SNAP
cd $SNAP
OUT=/tmp/load/result-$$
mkdir -p $OUT
echo "commit $(cd $REPO && git rev-parse --short HEAD) $(date -u +%FT%TZ) load: bench animation loop + 2 busy loops on $(nproc) cores" > $OUT/summary
( while true; do QT_QPA_PLATFORM=offscreen $VENV_PY -m bench animation --quick >/dev/null 2>&1; done ) &
L1=$!
( while true; do timeout 60 python3 -c "while True: pass"; done ) &
L2=$!
( while true; do timeout 60 python3 -c "while True: pass"; done ) &
L3=$!
for i in $(seq 1 $RUNS); do
  start=$(date +%s)
  load=$(cut -d' ' -f1 /proc/loadavg)
  QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE=1 $VENV_PY -m pytest -q -p no:cacheprovider "$@" > $OUT/run_$i.log 2>&1
  rc=$?
  echo "run $i rc=$rc seconds=$(( $(date +%s) - start )) loadavg_at_start=$load $(tail -1 $OUT/run_$i.log)" >> $OUT/summary
done
kill $L1 $L2 $L3; pkill -P $L1; pkill -P $L2; pkill -P $L3; pkill -f "bench animation"; pkill -f "while True: pass"
echo done >> $OUT/summary
rm -rf $SNAP
