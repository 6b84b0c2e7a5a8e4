# Sourced by bin/cluster, bin/sparkact and the Docker image's spark-auth wrapper: Spark's shared-secret
# authentication (spark.authenticate) with the secret kept off every command line.
# shellcheck shell=bash disable=SC2034  # AUTH_DAEMON_OPTS and AUTH_PROPS are read by the sourcing script
#
# Where the secret comes from (the user's side):
#   SPARKACT_AUTH_SECRET_FILE  a file holding the secret (one line); on the host it must not be readable by
#                              group or others, like an ssh key
#   SPARKACT_AUTH_SECRET       the secret itself (when no file is possible)
# The secret: 16 or more characters of A-Z a-z 0-9 + / = . _ ~ - (e.g. `openssl rand -base64 32`): a
# character set that needs no escaping in a Java properties file or the environment.
#
# How Spark 3.5 gets it (verified against spark-core 3.5.7's SecurityManager, not the docs alone):
# - the spark.authenticate.secret*.file settings are refused outside Kubernetes ("Secret keys provided via
#   files is only allowed in Kubernetes mode"), so they cannot be used on a standalone cluster;
# - masters, workers and executors read the environment variable _SPARK_AUTH_SECRET before the
#   spark.authenticate.secret setting; a worker hands its own secret to the executors it launches the same
#   way, and the driver's spark.authenticate.secret is not among the settings executors get on their command
#   line (SecureClusterIT reads every executor's /proc/PID/cmdline);
# - a driver on a spark:// master refuses to start unless spark.authenticate.secret is in its SparkConf:
#   it gets a properties file (mode 600, in a directory of mode 700) through SparkSubmit's
#   --properties-file, deleted when the submit ends.
# Spark redacts the setting (spark.redaction.regex matches "secret") wherever it prints its configuration.

AUTH_SECRET=""
AUTH_TMP=""
AUTH_CHILD=""

auth_usage_error() { echo "${AUTH_SCRIPT:-sparkact}: $*" >&2; exit 2; }

# Is a secret given (either variable set)? Does not read or check it.
auth_secret_given() {
  [[ -n "${SPARKACT_AUTH_SECRET_FILE:-}" || -n "${SPARKACT_AUTH_SECRET:-}" ]]
}

# Reads the secret into AUTH_SECRET; exits 2 with a message that never shows the secret when it is missing
# or unusable. MODE "host" also refuses a secret file readable by group or others; "container" does not
# (compose bind-mounts the host's file, which must be readable by the image's spark user: the host
# directory that holds it is what protects it there).
auth_load_secret() {
  local mode="${1:-host}" file="${SPARKACT_AUTH_SECRET_FILE:-}"
  if [[ -n "$file" && -n "${SPARKACT_AUTH_SECRET:-}" ]]; then
    auth_usage_error "both SPARKACT_AUTH_SECRET_FILE and SPARKACT_AUTH_SECRET are set; allowed: one of them"
  fi
  if [[ -n "$file" ]]; then
    [[ -f "$file" && -r "$file" ]] \
      || auth_usage_error "SPARKACT_AUTH_SECRET_FILE given invalid value '$file'; allowed: a readable file holding the secret"
    if [[ "$mode" == host ]]; then
      local perms
      perms="$(stat -c %a "$file")"
      (( (8#$perms & 8#077) == 0 )) || auth_usage_error "SPARKACT_AUTH_SECRET_FILE '$file' has mode $perms;" \
        "allowed: no access for group and others, e.g. 600 (chmod 600 '$file')"
    fi
    AUTH_SECRET="$(< "$file")"
    auth_check_secret "the secret in SPARKACT_AUTH_SECRET_FILE '$file'"
  elif [[ -n "${SPARKACT_AUTH_SECRET:-}" ]]; then
    AUTH_SECRET="$SPARKACT_AUTH_SECRET"
    auth_check_secret "SPARKACT_AUTH_SECRET"
  else
    auth_usage_error "no secret given; set SPARKACT_AUTH_SECRET_FILE (a file holding it) or SPARKACT_AUTH_SECRET"
  fi
}

auth_check_secret() {
  [[ "$AUTH_SECRET" =~ ^[A-Za-z0-9+/=._~-]{16,}$ ]] || auth_usage_error "$1 is not a valid secret (value not" \
    "shown); allowed: one line of 16 or more characters A-Z a-z 0-9 + / = . _ ~ -, e.g. from 'openssl rand -base64 32'"
}

# The settings every JVM of a secured cluster gets (no secret among them, so they may be on a command line):
# authentication, AES-based RPC encryption, no REST submission server (it does not authenticate) and no
# kill links in the web UIs (the UIs are not covered by spark.authenticate).
auth_daemon_opts() {
  AUTH_DAEMON_OPTS=(-Dspark.authenticate=true -Dspark.network.crypto.enabled=true
    -Dspark.master.rest.enabled=false -Dspark.ui.killEnabled=false)
}

# Writes AUTH_SECRET and the client settings into a properties file for SparkSubmit's --properties-file
# (a new mode-700 directory under PARENT; AUTH_PROPS names the file, auth_run deletes it). Besides the RPC
# settings: spark.io.encryption.enabled, so shuffle and spill files on the workers' disks are encrypted too
# (Spark recommends it only together with RPC encryption, which is on here); --conf overrides either.
# Spark 3.5 reads spark-defaults.conf only when no --properties-file is given, so the one SparkSubmit would
# have read ($SPARK_CONF_DIR, else $SPARK_HOME/conf) is copied in first; the settings above follow and win.
auth_write_properties() {
  local parent="$1" defaults=""
  if [[ -n "${SPARK_CONF_DIR:-}" ]]; then defaults="$SPARK_CONF_DIR/spark-defaults.conf"
  elif [[ -n "${SPARK_HOME:-}" ]]; then defaults="$SPARK_HOME/conf/spark-defaults.conf"; fi
  mkdir -p "$parent"
  AUTH_TMP="$(mktemp -d "$parent/spark-auth.XXXXXX")"
  chmod 700 "$AUTH_TMP"
  AUTH_PROPS="$AUTH_TMP/spark-auth.properties"
  (
    umask 077
    {
      [[ -n "$defaults" && -f "$defaults" ]] && { cat -- "$defaults"; echo; }
      printf '%s\n' "spark.authenticate=true" "spark.authenticate.secret=$AUTH_SECRET" \
        "spark.network.crypto.enabled=true" "spark.io.encryption.enabled=true"
    } > "$AUTH_PROPS"
  )
}

# Refuses SparkSubmit's own --properties-file among ARGS: only one is read, and it would replace the secret's.
auth_refuse_properties_file() {
  local a
  for a in "$@"; do
    [[ "$a" == --properties-file || "$a" == --properties-file=* ]] && auth_usage_error "option --properties-file" \
      "cannot be combined with authentication (the secret travels in SparkSubmit's properties file); allowed: --conf spark.key=value"
  done
  return 0
}

# Runs COMMAND... as a child (not exec: the properties file must be deleted when it ends), forwards TERM,
# INT and HUP to it as TERM (a background child of a non-interactive shell ignores INT, and the JVM then keeps
# ignoring it), deletes AUTH_TMP and exits with the child's exit code.
auth_run() {
  trap '[[ -n "$AUTH_CHILD" ]] && kill -TERM "$AUTH_CHILD" 2>/dev/null || true' TERM INT HUP
  "$@" <&0 &
  AUTH_CHILD=$!
  local rc=0
  wait "$AUTH_CHILD" || rc=$?
  while kill -0 "$AUTH_CHILD" 2>/dev/null; do  # wait returned early because a signal arrived
    rc=0
    wait "$AUTH_CHILD" || rc=$?
  done
  rm -rf -- "$AUTH_TMP"
  exit "$rc"
}
