#!/usr/bin/env bash
# What the ci/bench scripts share: building the Java sides, running one on a runtime, and the table.
# Source it; it sets bench_repo and bench_java_opts.
#   bench_prepare RUNTIME...            compile the harness (and the runtimes' bindings) when missing
#   bench_java RUNTIME MAIN ARGS...     run MAIN (harness test classes) with our side on RUNTIME:
#       chicory, endive, graalwasm (Truffle's fallback runtime: interpreted), graalwasm-jit (Truffle's
#       optimizing runtime with the Graal compiler jars, -XX:+EnableJVMCI); GraalWasm needs a JDK 21+,
#       GRAALWASM_JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64
#   bench_table PEER PEER.tsv "RUNTIME..." OURS.tsv...    print the table (table.awk)
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_repo=$(cd "$bench_dir/../.." && pwd)
# shellcheck disable=SC2206 # word splitting is the documented format
bench_java_opts=(${JAVA_OPTS:--XX:+UseSerialGC -Xss16m -XX:-UsePerfData})
graalwasm_java_home=${GRAALWASM_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

bench_prepare() {
  local t=$bench_repo/harness/target need=
  [ -f "$t/test-classes/dev/wasmtck/bench/Bench.class" ] && [ -f "$t/launcher.classpath" ] || need=1
  case " $* " in *" endive "*) [ -f "$bench_repo/runtime-endive/target/launcher.classpath" ] || need=1 ;; esac
  case " $* " in *" graalwasm-jit "*) [ -d "$bench_repo/runtime-graalwasm/target/graal-compiler" ] || need=1 ;;
                 *" graalwasm "*) [ -f "$bench_repo/runtime-graalwasm/target/launcher.classpath" ] || need=1 ;; esac
  [ -z "$need" ] || (cd "$bench_repo" && ./mvnw -q -o -B -Pbench -pl harness,runtime-endive,runtime-graalwasm test-compile)
}

bench_java() {
  local rt=$1 main=$2; shift 2
  local h=$bench_repo/harness/target java=${JAVA_HOME:+$JAVA_HOME/bin/}java id=$rt extra=()
  local cp=$h/test-classes:$h/classes:$(<"$h/launcher.classpath")
  case "$rt" in
    chicory) ;;
    endive) cp=$cp:$bench_repo/runtime-endive/target/classes:$(<"$bench_repo/runtime-endive/target/launcher.classpath") ;;
    graalwasm|graalwasm-jit)
      id=graalwasm java=$graalwasm_java_home/bin/java extra=(--enable-native-access=ALL-UNNAMED)
      cp=$cp:$bench_repo/runtime-graalwasm/target/classes:$(<"$bench_repo/runtime-graalwasm/target/launcher.classpath")
      if [ "$rt" = graalwasm-jit ]; then
        local jars
        jars=$(find "$bench_repo/runtime-graalwasm/target/graal-compiler" -name '*.jar' | sort | paste -sd:)
        extra+=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "--upgrade-module-path=$jars")
      fi ;;
    *) echo "ci/bench: unknown runtime '$rt' (chicory, endive, graalwasm, graalwasm-jit)" >&2; return 2 ;;
  esac
  "$java" "${bench_java_opts[@]}" "${extra[@]}" -Dbench.runtime="$id" "${BENCH_JAVA_PROPS[@]}" -cp "$cp" "$main" "$@"
}

bench_table() {
  local peer=$1 theirs=$2 names=$3; shift 3
  awk -v peer="$peer" -v names="$names" -f "$bench_dir/table.awk" "$theirs" "$@"
}
