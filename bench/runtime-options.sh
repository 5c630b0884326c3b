#!/usr/bin/env bash
# Measures the operator's runtime options one by one with the benchmark's idle scenario (and, with
# SCENARIOS=idle,memory, the memory scenario): each variant is published into artifacts/runtime-options/NAME with
# its MSBuild properties, then started with its environment, WITHOUT the shipped DOTNET_* settings (--no-shipped-env),
# so every row is one change from the baseline. One JSON line per variant goes to artifacts/runtime-options/results.jsonl.
#
#   bench/runtime-options.sh                 # every variant below
#   bench/runtime-options.sh baseline r2r    # some of them
#   SCENARIOS=idle,memory MEMORY_SIZES=1000 bench/runtime-options.sh baseline shipped
#
# See docs/decisions/0050-runtime-memory-settings.md for the results and the choice.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/runtime-options
mkdir -p "$out"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
scenarios=${SCENARIOS:-idle}
sizes=${MEMORY_SIZES:-1000}

# name | extra publish properties | operator environment (space-separated NAME=VALUE). Runtime-config settings are
# given as their DOTNET_ variables (same effect as the MSBuild property): variants with the same publish properties
# share one publish.
variants=(
  "baseline||"
  "r2r|-r linux-x64 /p:PublishReadyToRun=true|"
  "tieredpgo-off||DOTNET_TieredPGO=0"
  "quickjitforloops-off||DOTNET_TC_QuickJitForLoops=0"
  "tiered-off||DOTNET_TieredCompilation=0"
  "tc-callcount-1||DOTNET_TC_CallCountThreshold=1"
  "wx-off||DOTNET_EnableWriteXorExecute=0"
  "gen0-4mb||DOTNET_GCgen0size=0x400000"
  "conserve-5||DOTNET_GCConserveMemory=5"
  "heaplimit-64mb||DOTNET_GCHeapHardLimit=0x4000000"
  "datas-server||DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=1"
  "r2r+wx-off|-r linux-x64 /p:PublishReadyToRun=true|DOTNET_EnableWriteXorExecute=0"
  "r2r+wx-off+tieredpgo-off|-r linux-x64 /p:PublishReadyToRun=true|DOTNET_EnableWriteXorExecute=0 DOTNET_TieredPGO=0"
  "r2r+wx-off+tieredpgo-off+gen0-4mb|-r linux-x64 /p:PublishReadyToRun=true|DOTNET_EnableWriteXorExecute=0 DOTNET_TieredPGO=0 DOTNET_GCgen0size=0x400000"
  "trimmed|-r linux-x64 --self-contained /p:PublishTrimmed=true /p:UseAppHost=true /p:TreatWarningsAsErrors=false|"
  "aot|-r linux-x64 /p:PublishAot=true /p:UseAppHost=true|"
  "shipped|SHIPPED|"
  "shipped+gen0-4mb|SHIPPED|DOTNET_GCgen0size=0x400000"
  "shipped+conserve-5|SHIPPED|DOTNET_GCConserveMemory=5"
  "shipped+wx-off|SHIPPED|DOTNET_EnableWriteXorExecute=0"
)

dotnet build -c Release bench/Cpaas.Benchmark -v q -nologo >/dev/null
bench=bench/Cpaas.Benchmark/bin/Release/net10.0/cpaas-benchmark.dll

for variant in "${variants[@]}"; do
  IFS='|' read -r name props env <<<"$variant"
  if [[ $# -gt 0 && ! " $* " =~ " $name " ]]; then continue; fi
  args=(--scenarios "$scenarios" --memory-sizes "$sizes")
  dir=""
  if [[ $props == SHIPPED ]]; then
    # What the Dockerfile and manager.yaml ship, as the benchmark runs it by default.
    args+=(--operator published)
    for pair in $env; do args+=(--operator-env "$pair"); done
  else
    key=$(echo "publish $props" | tr -c 'A-Za-z0-9\n' '_')
    dir="$out/$key"
    if [[ ! -d $dir ]]; then
      # shellcheck disable=SC2086
      if ! dotnet publish src/Cpaas.Operator -c Release -o "$dir" /p:UseAppHost=false $props >"$out/$name.publish.log" 2>&1; then
        rm -rf "$dir"
        echo "{\"variant\":\"$name\",\"error\":\"publish failed, see $out/$name.publish.log\"}" | tee -a "$out/results.jsonl"
        continue
      fi
    fi
    # A self-contained or native (AOT) publish runs through its own executable.
    exe="$dir/cpaas-operator"
    [[ -x $exe ]] || exe="$dir/cpaas-operator.dll"
    args+=(--operator "$exe" --no-shipped-env)
    for pair in $env; do args+=(--operator-env "$pair"); done
  fi
  [[ -n $dir ]] || dir=artifacts/bench-operator
  echo "== $name: ${args[*]}" >&2
  line=$(dotnet "$bench" "${args[@]}" 2>"$out/$name.log" | tail -1) || true
  echo "{\"variant\":\"$name\",\"publish_properties\":\"$props\",\"env\":\"$env\",\"publish_mb\":$(du -sm "$dir" | cut -f1),\"result\":$line}" | tee -a "$out/results.jsonl"
done
