# Shared by the Wine tests, the demo and the benchmarks (sourced, not run).
#
# One ready prefix, made once per checkout with wineboot, is the template;
# every user of it gets a private copy made with `cp -al` (hard links: 0.03 s
# instead of 10 s) and its own wineserver, which it alone stops.

PLUME_ROOT=${PLUME_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
PLUME_BIN=${PLUME_BIN:-$PLUME_ROOT/build/win}
WINE_DIR=${WINE_DIR:-/usr/lib/wine}
WINE64="$WINE_DIR/wine64"
WINESERVER="$WINE_DIR/wineserver"
PLUME_BASE_PREFIX=${PLUME_BASE_PREFIX:-$PLUME_ROOT/build/wine/base}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}

# A Unix path as Wine's Z: path.
winpath() {
    case "$1" in
        /*) printf 'Z:%s' "$1" | tr '/' '\\' ;;
        *) printf '%s' "$1" ;;
    esac
}

# Makes the template prefix if it is missing. Serialised with flock so that
# parallel make jobs do not build it twice.
wine_base_prefix() {
    mkdir -p "$(dirname "$PLUME_BASE_PREFIX")"
    (
        flock 9
        if [ ! -f "$PLUME_BASE_PREFIX/.plume-ready" ]; then
            rm -rf "$PLUME_BASE_PREFIX"
            echo "wine: creating the template prefix $PLUME_BASE_PREFIX (once, about 15 s)" >&2
            WINEPREFIX="$PLUME_BASE_PREFIX" "$WINE64" wineboot -i >/dev/null 2>&1 || true
            WINEPREFIX="$PLUME_BASE_PREFIX" "$WINESERVER" -w
            if [ ! -f "$PLUME_BASE_PREFIX/system.reg" ]; then
                echo "wine: wineboot failed to create $PLUME_BASE_PREFIX" >&2
                exit 1
            fi
            touch "$PLUME_BASE_PREFIX/.plume-ready"
        fi
    ) 9>"$PLUME_BASE_PREFIX.lock"
}

# wine_clone_prefix DIR: a private prefix in DIR, with a warm wineserver.
wine_clone_prefix() {
    wine_base_prefix || return 1
    rm -rf "$1"
    mkdir -p "$(dirname "$1")"
    cp -al "$PLUME_BASE_PREFIX" "$1"
    # cp -al links files but makes new folders, so the clone's folder has
    # its own inode and hence its own wineserver.
    export WINEPREFIX="$1"
    "$WINESERVER" -p60
    # One throwaway start brings later program starts down to ~0.1 s.
    "$WINE64" "$PLUME_BIN/plume.exe" --version >/dev/null 2>&1 || true
}

# Stops the wineserver of WINEPREFIX (ours only) and removes the prefix.
wine_drop_prefix() {
    [ -n "${WINEPREFIX:-}" ] || return 0
    "$WINESERVER" -k >/dev/null 2>&1 || true
    "$WINESERVER" -w >/dev/null 2>&1 || true
    rm -rf "$WINEPREFIX"
}

# plume.exe under Wine, in WINEPREFIX.
plume() {
    "$WINE64" "$PLUME_BIN/plume.exe" "$@"
}
