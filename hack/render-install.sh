#!/usr/bin/env bash
# Renders the one-file install: config/default (namespace, CRD, RBAC, Deployment) with the operator image set to
# IMAGE, as one YAML stream for `kubectl apply -f`. Needs only kubectl (its built-in kustomize).
#
#   hack/render-install.sh IMAGE [OUTPUT]
#
#   IMAGE   REGISTRY/NAME@sha256:DIGEST (what a release pins), REGISTRY/NAME:TAG, or REGISTRY/NAME:TAG@sha256:DIGEST
#   OUTPUT  the file to write, default dist/install.yaml ("-": standard output)
#
# Tested by tests/Quickstart.Tests/Image/InstallManifestTests.cs; the release workflow runs it (docs/install.md).
set -euo pipefail

usage() { echo "usage: $0 IMAGE [OUTPUT]   (IMAGE: REGISTRY/NAME@sha256:DIGEST or REGISTRY/NAME:TAG)" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] && [ -n "$1" ] || usage
image="$1"
output="${2:-dist/install.yaml}"
repo="$(cd "$(dirname "$0")/.." && pwd)"

# Split IMAGE into name, tag and digest as kustomize's `images:` wants them. A tag is a ':' after the last '/'
# (a registry's port is a ':' before it).
name="$image" tag="" digest=""
if [[ "$name" == *@* ]]; then digest="${name#*@}"; name="${name%%@*}"; fi
last="${name##*/}"
if [[ "$last" == *:* ]]; then tag="${last##*:}"; name="${name%:*}"; fi
if [ -n "$digest" ] && ! [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "error: '$digest' is not a sha256 digest (sha256: and 64 hex digits)" >&2; exit 2
fi
if [ -z "$name" ] || { [ -z "$tag" ] && [ -z "$digest" ]; }; then
  echo "error: '$image' names no tag and no digest: say which image to run (NAME:TAG or NAME@sha256:...)" >&2; exit 2
fi
command -v kubectl >/dev/null || { echo "error: kubectl is not on the PATH (its kustomize renders the file)" >&2; exit 1; }

# A throw-away overlay on config/default, in dist/ so the base is a plain relative path.
mkdir -p "$repo/dist"
overlay="$(mktemp -d "$repo/dist/.overlay.XXXXXX")"
trap 'rm -rf "$overlay"' EXIT
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  echo "  - ../../config/default"
  echo "images:"
  echo "  - name: cpaas-operator"
  echo "    newName: $name"
  [ -z "$tag" ] || echo "    newTag: \"$tag\""
  [ -z "$digest" ] || echo "    digest: $digest"
} > "$overlay/kustomization.yaml"

rendered="$(kubectl kustomize "$overlay")"
header="# cpaas-operator: everything to install it, in one file (config/default, image $image).
#   kubectl apply -f install.yaml
# then give it an EnableX account (docs/install.md):
#   kubectl -n cpaas-system create secret generic cpaas-operator-credentials --from-literal=api_id=... --from-literal=api_key=...
# Rendered by hack/render-install.sh."
if [ "$output" = "-" ]; then
  printf '%s\n%s\n' "$header" "$rendered"
else
  mkdir -p "$(dirname "$output")"
  printf '%s\n%s\n' "$header" "$rendered" > "$output"
  echo "wrote $output ($image)" >&2
fi
