#!/bin/sh
# Moves the major tag of an Action release to it: v1 follows v1.2.3, so that workflows using
# OWNER/REPO@v1 get fixes without edits, while v1.2.3 itself never moves. Only the highest
# release of a major moves it: a v1.1.5 hotfix published after v1.2.0 leaves v1 on v1.2.0, and
# a pre-release (v2.0.0-rc.1) moves nothing.
# Usage: scripts/move-major-tag.sh vX.Y.Z [REMOTE]   (run in a clone that has all the tags)
set -eu
tag="${1:-}"
remote="${2:-origin}"
if ! printf '%s\n' "$tag" | grep -Eq '^v[0-9]+\.[0-9]+\.[0-9]+$'; then
  echo "\"$tag\" is not a release tag vMAJOR.MINOR.PATCH: no major tag moves for it" >&2
  exit 2
fi
major="${tag%%.*}"
highest="$(git tag --list "$major.*" | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1)"
if [ "$highest" != "$tag" ]; then
  echo "$tag is not the highest $major release ($highest is): $major stays where it is"
  exit 0
fi
sha="$(git rev-parse "$tag^{commit}")"
git tag --force "$major" "$sha" >/dev/null
git push --quiet --force "$remote" "refs/tags/$major:refs/tags/$major"
echo "$major now points at $tag ($sha)"
