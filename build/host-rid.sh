#!/usr/bin/env bash
# Prints the .NET runtime identifier of this machine, which names its artifacts/ folder.
case "$(uname -m)" in
  x86_64) echo linux-x64 ;;
  aarch64) echo linux-arm64 ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
