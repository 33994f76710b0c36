#!/usr/bin/env bash
# Downloads Fashion-MNIST (MIT licence, Zalando Research) into the folder given as $1, for machines without Debian's
# dataset-fashion-mnist package. Checks the decompressed contents against known SHA-256 sums (the .gz files differ
# between mirrors, the contents do not) and moves the files into place only when all four are right.
set -euo pipefail
dest="${1:?usage: fetch-fashion-mnist.sh DEST_DIR}"
base="${RRAMLAB_FASHION_MNIST_URL:-http://fashion-mnist.s3-website.eu-central-1.amazonaws.com}"
declare -A sums=(
    [train-images-idx3-ubyte]=c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
    [train-labels-idx1-ubyte]=bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
    [t10k-images-idx3-ubyte]=5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
    [t10k-labels-idx1-ubyte]=0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
)
command -v curl >/dev/null || { echo "fetch-fashion-mnist: curl is needed to download Fashion-MNIST" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for name in "${!sums[@]}"; do
    echo "    downloading $name.gz"
    curl -fsSL --retry 3 -o "$tmp/$name.gz" "$base/$name.gz" \
        || { echo "fetch-fashion-mnist: could not download $base/$name.gz" >&2; exit 1; }
    got="$(gzip -dc "$tmp/$name.gz" | sha256sum | cut -d' ' -f1)"
    [ "$got" = "${sums[$name]}" ] \
        || { echo "fetch-fashion-mnist: $name.gz: decompressed SHA-256 is $got, expected ${sums[$name]}" >&2; exit 1; }
done
mkdir -p "$dest"
mv "$tmp"/*.gz "$dest"/
echo "    Fashion-MNIST is in $dest"
