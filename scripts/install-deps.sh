#!/usr/bin/env bash
# Installs, from Debian's packages only, everything cppcassa builds, tests and benches with.
# Safe to re-run: when every package is already present it does nothing (and needs no network).
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config
    libboost1.81-dev libfmt-dev catch2 liburing-dev libssl-dev openssl
    libthrift-dev thrift-compiler python3-thrift python3 python3-cassandra
    clang-14 libclang-rt-14-dev
    openjdk-17-jre-headless openjdk-17-jdk-headless maven
    golang-go golang-github-gocql-gocql-dev
    procps debootstrap
    gnuplot-nox
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
