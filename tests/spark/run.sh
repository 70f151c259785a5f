#!/usr/bin/env bash
# reprint_spark as a user gets it: Java 17 (installed with apt when `java` is missing), a
# virtualenv under target/spark-venv with pyspark (kept between runs while it holds the pinned
# version) and `pip install .` of this repository, then python/tests/test_spark.py on a
# local[2] Spark session.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
PYSPARK_VERSION="4.3.0"
VENV="$ROOT/target/spark-venv"

if ! command -v java >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update && $SUDO apt-get install -y openjdk-17-jre-headless
fi

have="$("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || true)"
if [ "$have" != "$PYSPARK_VERSION" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  # pandas 3 is not yet supported by pyspark 4 (it warns on every import).
  "$VENV/bin/pip" install --quiet "pyspark[sql]==$PYSPARK_VERSION" "pandas<3" "pytest==8.4.2"
fi
"$VENV/bin/pip" install --quiet --force-reinstall --no-deps .

export PYSPARK_PYTHON="$VENV/bin/python"
export PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
# The installed command, not one named for development.
unset REPRINT_BIN
# From outside the repository, so that the packages imported are the installed ones.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
status=0
"$VENV/bin/python" -m pytest -q -p no:cacheprovider -rs "$ROOT/python/tests/test_spark.py" || status=$?
if [ "$status" -eq 5 ]; then
  echo "tests/spark/run.sh: pytest collected no tests (is pyspark importable in $VENV?)" >&2
  exit 1
fi
exit "$status"
