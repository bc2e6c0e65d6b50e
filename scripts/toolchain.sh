#!/usr/bin/env bash
# Builds cppcassa with another toolchain and runs test labels with it (the README's compiler and
# Boost matrix). Usage:
#
#   scripts/toolchain.sh [--build-only | --test-only] TOOLCHAIN [LABEL...]
#                                                  (labels default: unit faults embedded)
#
#   debian12-clang14            this machine's clang 14 with its Boost (Debian 12)
#   debian13-gcc14-boost1.83    Debian 13's GCC 14 with libboost1.83-dev, in a Debian 13 root
#   debian13-gcc14-boost1.88    ... with libboost1.88-dev
#   debian13-clang19-boost1.83  Debian 13's clang 19 with libboost1.83-dev
#   debian13-clang19-boost1.88  ... with libboost1.88-dev
#
# The Debian 13 root is made once with debootstrap from the mirror this machine's own apt sources
# name, in ${CPPCASSA_CACHE:-<repo>/.cache}/debian13/root, and keeps one Boost at a time (the two
# packages conflict): asking for the other swaps it. The project (and the cache, when it lives
# elsewhere) is mounted at the same path inside it, so the launcher's nodes, started outside with
# scripts/cassandra.sh, serve the integration label there too: the root shares the network.
#
# Each toolchain builds in build/<toolchain> (Debug, -O0, -Werror, unity) the programs of the labels
# asked for: the sanitized build is the main one's (scripts/test.sh); here the braced-forms test
# (test/compilers) brings its own ASan. Prints ctest's output and its summary line last, for
# scripts/test.sh to sum.
set -euo pipefail
trap 'echo "toolchain.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${CPPCASSA_CACHE:-$root/.cache}

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
# scripts/test.sh builds in the background while the server-bound suites run, and tests at the end.
steps=both
case ${1:-} in
    --build-only) steps=build; shift ;;
    --test-only) steps=test; shift ;;
esac
(($# >= 1)) || usage
toolchain=$1
shift
skip=""
labels=("$@")
((${#labels[@]} > 0)) || labels=(unit faults embedded)
label_regex="^($(IFS='|'; echo "${labels[*]}"))\$"

case $toolchain in
    # The header tests (each public header alone) are left to the builds with another standard
    # library: clang 14 here compiles against Debian 12's libstdc++, as the main GCC 12 build does.
    debian12-clang14) distro=debian12 cxx=clang++-14 boost="" skip="unit: cppcassa/.* compiles on its own" ;;
    debian13-gcc14-boost1.83) distro=debian13 cxx=g++-14 boost=1.83 ;;
    debian13-gcc14-boost1.88) distro=debian13 cxx=g++-14 boost=1.88 ;;
    debian13-clang19-boost1.83) distro=debian13 cxx=clang++-19 boost=1.83 ;;
    debian13-clang19-boost1.88) distro=debian13 cxx=clang++-19 boost=1.88 ;;
    *) echo "toolchain.sh: unknown toolchain '$toolchain'" >&2; usage ;;
esac
build=$root/build/$toolchain

# Only the programs of the labels asked for (CMake's cppcassa-<label>-programs): the doc snippets
# and the cluster, TLS and bench programs are the main build's (scripts/test.sh).
build_targets=$(printf 'cppcassa-%s-programs ' "${labels[@]}")

# The configure, build and test steps, run on this machine or inside the Debian 13 root.
build_and_test() {
    echo "set -euo pipefail; cd '$root'"
    if [[ $steps != test ]]; then
        cat <<EOF
CXX=$cxx cmake -S . -B '$build' -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 \
    -DCPPCASSA_WERROR=ON -DCPPCASSA_BUILD_BENCH=OFF -DCPPCASSA_UNITY_BUILD=ON >'$build.configure.log' \
    || { cat '$build.configure.log'; exit 1; }
grep -E 'Boost|cppcassa:' '$build.configure.log' || true
cmake --build '$build' -j$(nproc) --target $build_targets -- -k 0   # every error at once
EOF
    fi
    if [[ $steps != build ]]; then
        echo "CPPCASSA_CACHE='$cache' CPPCASSA_NET='${CPPCASSA_NET:-}' CTEST_PARALLEL_LEVEL='${CTEST_PARALLEL_LEVEL:-1}' ctest --test-dir '$build' -L '$label_regex' ${skip:+-E '^$skip\$'} --output-on-failure --timeout 600"
    fi
}

if [[ $distro == debian12 ]]; then
    command -v "$cxx" >/dev/null || { echo "toolchain.sh: $cxx not found (scripts/install-deps.sh)" >&2; exit 1; }
    mkdir -p "$build"
    echo "== $toolchain: $("$cxx" --version | head -n1)"
    exec bash -c "$(build_and_test)"
fi

# --- Debian 13 ---------------------------------------------------------------------------------
[[ $(id -u) -eq 0 ]] || { echo "toolchain.sh: the Debian 13 root needs root (debootstrap, chroot, mount)" >&2; exit 1; }
chroot_dir=$cache/debian13/root
suite=trixie

# The Debian mirror this machine installs from: the first URI of its apt sources (deb822 or
# one-line format) that serves its own release, so the root comes from the same place.
host_mirror() {
    local codename
    codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
    {
        awk -v c="$codename" '
            /^URIs:/ { uri = $2 }
            /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == c) print uri }
            /^$/ { uri = "" }' /etc/apt/sources.list.d/*.sources 2>/dev/null
        awk -v c="$codename" '$1 == "deb" && $3 == c { print $2 }' /etc/apt/sources.list 2>/dev/null
    } | head -n1 || true   # a missing sources file, or awk cut off by head, is no error
}

packages=(g++-14 clang-19 libclang-rt-19-dev cmake ninja-build pkgconf libfmt-dev catch2 libssl-dev liburing-dev
          libthrift-dev thrift-compiler python3 procps "libboost$boost-dev")

in_root() { chroot "$chroot_dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

if [[ ! -x $chroot_dir/usr/bin/apt-get ]]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap </dev/null
    mirror=$(host_mirror)
    [[ -n $mirror ]] || { echo "toolchain.sh: no Debian mirror found in /etc/apt/sources.list*" >&2; exit 1; }
    echo "== making the Debian 13 root from $mirror (once)"
    rm -rf "$chroot_dir"
    mkdir -p "$chroot_dir"
    debootstrap --variant=minbase "$suite" "$chroot_dir" "$mirror" >"$cache/debian13/debootstrap.log" 2>&1 \
        || { tail -n 20 "$cache/debian13/debootstrap.log"; exit 1; }
fi

# Mounted for the run, unmounted whatever happens: /proc (ASan reads its maps, tests read
# processes' sockets), /dev, and the project (plus the cache when it lives outside it).
mounts=()
cleanup() {
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 143' INT TERM   # stopped by scripts/test.sh: unmount on the way out
bind() {  # host path: mounted at the same path inside the root
    mkdir -p "$chroot_dir$1"
    mount --bind "$1" "$chroot_dir$1"
    mounts+=("$chroot_dir$1")
}
mount -t proc proc "$chroot_dir/proc" && mounts+=("$chroot_dir/proc")
bind /dev
bind "$root"
case $cache/ in "$root"/*) ;; *) bind "$cache" ;; esac
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"

missing=()
for p in "${packages[@]}"; do
    in_root dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
    echo "== installing into the Debian 13 root: ${missing[*]}"
    in_root apt-get update -q >/dev/null
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null \
        >"$cache/debian13/apt.log" 2>&1 || { tail -n 20 "$cache/debian13/apt.log"; exit 1; }
fi

echo "== $toolchain: $(in_root "$cxx" --version | head -n1), $(in_root dpkg-query -W -f='${Package} ${Version}' "libboost$boost-dev")"
mkdir -p "$build"
in_root bash -c "$(build_and_test)"
