#!/usr/bin/env python3
"""PyTorch side of rramlab's same-run comparison (./lab bench --vs-pytorch, issue 15).

Written by the rramlab project from the paper's description of its networks and of edge-popup (Ramanujan et al.,
CVPR 2020), NOT the authors' code: fixed random weights, one learned score per weight, per layer the top-k of |score|
are kept (keep 0.5, exactly k edges), straight-through gradient to the scores, weights never change.

Times ONE workload in this process and prints one machine-readable line, ``VSPYTORCH {json}``, the same fields as
rramlab's org.rramlab.bench.VsPytorchBenchmark:

  cnn   the paper's Fashion-MNIST CNN (62,272 masked weights), one epoch: 60k train + 10k test, batch 60, 4-bit
        per-tensor min-max activation quantisation, SGD 0.1 / momentum 0.9 / weight decay 5e-4
  mlp   edge-popup MLP 784-512-512-10 (668,672), one epoch, batch 128, float activations, the same SGD
  crnn  the spoken-digit CRNN (68,480), one epoch: 2,100 train + 900 test, batch 30, 3-bit min-max quantisers, the
        same SGD; features from rramlab (--fsdd DIR, .npy files written by VsPytorchBenchmark export-fsdd) or, without
        them, a synthetic tensor of the same shape (said in the result line)
  resnet20  the ResNet-20 of rramlab's preset resnet20-fashion (width 16: 16-32-64, 270,608 masked weights),
        Fashion-MNIST padded to 32x32, one epoch of the first 6,000 training + 1,000 test images, batch 60, 4-bit
        min-max quantisation before every conv and the head, non-affine batch norm, the CNN's SGD
  unet  the paper U-Net (base 32, 4,313,440), training steps on batch 64 of synthetic 48x48 patches, 6-bit conv
        inputs, affine batch norm, bilinear upsampling (align_corners=True), Adam lr 1e-4 weight decay 5e-4

``--check`` runs the correctness checks instead (exactly k kept edges per layer, the masked-weight counts of the five
networks, the straight-through score gradient, the quantiser) and exits non-zero on a failure.

Run with Debian's interpreter (/usr/bin/python3) and packages python3-torch + libopenblas0-openmp.
"""

import argparse
import gzip
import json
import math
import os
import resource
import struct
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:  # pragma: no cover - reported to the user
    sys.exit("edgepopup_bench.py: %s. Install PyTorch with: sudo apt-get install --no-install-recommends "
             "python3-torch libopenblas0-openmp (Debian 12), or run ./lab bench --vs-pytorch, which does." % e)

# masked (fixed, pruned) weights of each network, as rramlab's models count them
EXPECTED_WEIGHTS = {"cnn": 62_272, "mlp": 668_672, "crnn": 68_480, "unet": 4_313_440, "resnet20": 270_608}
RESNET_TRAIN, RESNET_TEST = 6_000, 1_000   # the subset one timed epoch covers (rramlab's side: the same)
FASHION_MEAN, FASHION_STD = 0.1307, 0.3081


# --- edge-popup ----------------------------------------------------------------------------------------------------
def kept_count(n, keep):
    """Edges kept of n: round(keep * n) (halves up), at least 1."""
    return int(max(1, min(n, math.floor(keep * n + 0.5))))


class TopKMask(torch.autograd.Function):
    """0/1 mask of the k largest entries of ``magnitude`` (exactly k); backward passes the gradient straight through."""

    @staticmethod
    def forward(ctx, magnitude, k):
        flat = magnitude.reshape(-1)
        mask = torch.zeros_like(flat)
        mask.index_fill_(0, torch.topk(flat, k, sorted=False).indices, 1.0)
        return mask.view_as(magnitude)

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class EdgePopup(nn.Module):
    """Fixed signed-constant weights (+-2/sqrt(fan_in), random sign) and learned scores (Kaiming-uniform, a = sqrt 5).

    The effective weight is weight * mask(|score|); the score gradient is therefore sign(score) * dL/dW_eff * weight.
    In evaluation (no gradient) the mask is cached until the scores change.
    """

    def __init__(self, shape, fan_in, keep, generator):
        super().__init__()
        sign = torch.randint(0, 2, shape, generator=generator).float() * 2 - 1
        self.register_buffer("weight", sign * (2.0 / math.sqrt(fan_in)))
        bound = 1.0 / math.sqrt(fan_in)  # kaiming_uniform_(a=sqrt(5)) of PyTorch's layers
        self.scores = nn.Parameter(torch.empty(shape).uniform_(-bound, bound, generator=generator))
        self.k = kept_count(self.weight.numel(), keep)
        self._cached = None

    def effective(self):
        if not torch.is_grad_enabled():
            version = self.scores._version
            if self._cached is None or self._cached[0] != version:
                self._cached = (version, self.weight * TopKMask.apply(self.scores.abs(), self.k))
            return self._cached[1]
        self._cached = None
        return self.weight * TopKMask.apply(self.scores.abs(), self.k)

    def mask(self):
        with torch.no_grad():
            return TopKMask.apply(self.scores.abs(), self.k)


class EPConv2d(EdgePopup):
    def __init__(self, cin, cout, kernel, generator, stride=1, padding=0, keep=0.5):
        kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
        super().__init__((cout, cin, kh, kw), cin * kh * kw, keep, generator)
        self.stride, self.padding = stride, padding

    def forward(self, x):
        return F.conv2d(x, self.effective(), None, self.stride, self.padding)


class EPLinear(EdgePopup):
    def __init__(self, cin, cout, generator, keep=0.5):
        super().__init__((cout, cin), cin, keep, generator)

    def forward(self, x):
        return F.linear(x, self.effective())


class _Quantise(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, levels):
        lo, hi = torch.aminmax(x)
        step = ((hi - lo) / levels).clamp_min(1e-30)  # a constant tensor maps to itself
        return torch.round((x - lo) / step) * step + lo

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class Quant(nn.Module):
    """Uniform per-tensor min-max quantisation to ``bits`` bits (range from the tensor, every pass); straight-through."""

    def __init__(self, bits):
        super().__init__()
        self.levels = float((1 << bits) - 1)

    def forward(self, x):
        return _Quantise.apply(x, self.levels)


# --- the four networks ---------------------------------------------------------------------------------------------
def fashion_cnn(g, bits=4):
    return nn.Sequential(
        nn.MaxPool2d(2), EPConv2d(1, 64, 3, g), nn.BatchNorm2d(64, affine=False), nn.ReLU(), Quant(bits),
        EPConv2d(64, 16, 3, g), nn.MaxPool2d(2), nn.BatchNorm2d(16, affine=False), nn.ReLU(), Quant(bits),
        nn.Flatten(), EPLinear(400, 128, g), nn.ReLU(), Quant(bits), EPLinear(128, 10, g))


def mlp(g, hidden=512):
    return nn.Sequential(nn.Flatten(), EPLinear(784, hidden, g), nn.ReLU(), EPLinear(hidden, hidden, g), nn.ReLU(),
                         EPLinear(hidden, 10, g))


class Crnn(nn.Module):
    """q -> conv 1->64 (3,2)/(2,1) -> pool 2 -> BN -> ReLU -> q -> conv 64->32 (3,2)/(2,1) -> pool 2 -> BN -> q ->
    4 steps x 32 -> ReLU RNN 128 (hidden state quantised between steps, no bias) -> mean over time -> q -> fc 128->256
    -> ReLU -> q -> fc 256->10, on [n, 1, 23, 20]."""

    def __init__(self, g, bits=3):
        super().__init__()
        self.q = nn.ModuleList(Quant(bits) for _ in range(6))
        self.conv1 = EPConv2d(1, 64, (3, 2), g, stride=(2, 1))
        self.bn1 = nn.BatchNorm2d(64, affine=False)
        self.conv2 = EPConv2d(64, 32, (3, 2), g, stride=(2, 1))
        self.bn2 = nn.BatchNorm2d(32, affine=False)
        self.ih = EPLinear(32, 128, g)
        self.hh = EPLinear(128, 128, g)
        self.fc1 = EPLinear(128, 256, g)
        self.fc2 = EPLinear(256, 10, g)

    def forward(self, x):
        x = self.conv1(self.q[0](x))
        x = self.q[1](F.relu(self.bn1(F.max_pool2d(x, 2))))
        x = self.q[2](self.bn2(F.max_pool2d(self.conv2(x), 2)))   # [n, 32, 1, 4]; no ReLU here (as rramlab's CRNN)
        seq = x.flatten(1, 2).transpose(1, 2)                        # [n, 4 steps, 32]
        u = self.ih(seq)                                             # every step's input projection in one product
        whh = self.hh.effective()
        h = F.relu(u[:, 0])
        states = [h]
        for t in range(1, u.shape[1]):
            h = F.relu(u[:, t] + F.linear(self.q[3](h), whh))
            states.append(h)
        m = self.q[4](torch.stack(states, 1).mean(1))
        return self.fc2(self.q[5](F.relu(self.fc1(m))))


def double_conv(cin, cout, mid, g, bits):
    return nn.Sequential(Quant(bits), EPConv2d(cin, mid, 3, g, padding=1), nn.BatchNorm2d(mid), nn.ReLU(),
                         Quant(bits), EPConv2d(mid, cout, 3, g, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class UNet(nn.Module):
    """Bilinear U-Net, base b: encoder b-2b-4b-8b-8b, decoder 4b-2b-b-b (mid channels half the concatenation), each block
    a double 3x3 conv (padding 1) + affine BN + ReLU, every conv input quantised; 1x1 conv to 2 classes; no biases."""

    def __init__(self, g, base=32, bits=6):
        super().__init__()
        b = base
        enc = [b, 2 * b, 4 * b, 8 * b, 8 * b]
        self.enc = nn.ModuleList()
        cin = 1
        for c in enc:
            self.enc.append(double_conv(cin, c, c, g, bits))
            cin = c
        self.dec = nn.ModuleList()
        below = enc[4]
        for i, c in enumerate([4 * b, 2 * b, b, b]):
            cat = enc[3 - i] + below
            self.dec.append(double_conv(cat, c, cat // 2, g, bits))
            below = c
        self.q_out = Quant(bits)
        self.out = EPConv2d(b, 2, 1, g)

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.enc):
            x = block(x if i == 0 else F.max_pool2d(x, 2))
            skips.append(x)
        x = skips.pop()
        for block in self.dec:
            up = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True)
            x = block(torch.cat([skips.pop(), up], 1))
        return self.out(self.q_out(x))


class BasicBlock(nn.Module):
    """q -> conv 3x3 (stride s) -> BN -> ReLU -> q -> conv 3x3 -> BN, plus the shortcut: the identity, or where the
    stride or the channels change q -> 1x1 conv (stride s) -> BN; ReLU after the sum (the sum itself not quantised)."""

    def __init__(self, cin, cout, stride, g, bits):
        super().__init__()
        self.q1, self.q2 = Quant(bits), Quant(bits)
        self.conv1 = EPConv2d(cin, cout, 3, g, stride=stride, padding=1)
        self.bn1 = nn.BatchNorm2d(cout, affine=False)
        self.conv2 = EPConv2d(cout, cout, 3, g, padding=1)
        self.bn2 = nn.BatchNorm2d(cout, affine=False)
        self.proj = None
        if stride != 1 or cin != cout:
            self.proj = nn.Sequential(Quant(bits), EPConv2d(cin, cout, 1, g, stride=stride), nn.BatchNorm2d(cout, affine=False))

    def forward(self, x):
        y = self.bn2(self.conv2(self.q2(F.relu(self.bn1(self.conv1(self.q1(x)))))))
        return F.relu(y + (x if self.proj is None else self.proj(x)))


class ResNet20(nn.Module):
    """CIFAR-style ResNet-20 on [n, 1, 32, 32]: q -> conv 1->w 3x3 -> BN -> ReLU, 3 stages x 3 basic blocks of w-2w-4w
    channels (stages 2 and 3 start with stride 2 and a 1x1 projection shortcut), global average pool -> q -> fc 4w->10;
    non-affine batch norm, no biases."""

    def __init__(self, g, width=16, bits=4, classes=10):
        super().__init__()
        self.q = Quant(bits)
        self.stem = EPConv2d(1, width, 3, g, padding=1)
        self.bn = nn.BatchNorm2d(width, affine=False)
        blocks, cin = [], width
        for stage in range(3):
            cout = width << stage
            for b in range(3):
                blocks.append(BasicBlock(cin, cout, 2 if stage > 0 and b == 0 else 1, g, bits))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.q_fc = Quant(bits)
        self.fc = EPLinear(cin, classes, g)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn(self.stem(self.q(x)))))
        return self.fc(self.q_fc(x.mean((2, 3))))


def build(network, base=32, seed=1):
    g = torch.Generator().manual_seed(seed)
    if network == "cnn":
        return fashion_cnn(g)
    if network == "mlp":
        return mlp(g)
    if network == "crnn":
        return Crnn(g)
    if network == "unet":
        return UNet(g, base)
    if network == "resnet20":
        return ResNet20(g)
    raise SystemExit("network: expected cnn, mlp, crnn, unet or resnet20, got %r" % network)


def masked_layers(model):
    return [(name, m) for name, m in model.named_modules() if isinstance(m, EdgePopup)]


# --- data ----------------------------------------------------------------------------------------------------------
def locate_fashion():
    candidates = [os.environ.get("RRAMLAB_FASHION_MNIST", ""), "data/fashion-mnist", "/usr/share/datasets/fashion-mnist"]
    for d in candidates:
        if d and any(os.path.exists(os.path.join(d, "train-images-idx3-ubyte" + s)) for s in ("", ".gz")):
            return d
    raise SystemExit("Fashion-MNIST not found (looked in %s); ./lab setup installs it" % ", ".join(c for c in candidates if c))


def read_idx(path):
    """An IDX file, raw or gzip-compressed (path without .gz)."""
    if os.path.exists(path):
        with open(path, "rb") as f:
            data = f.read()
    else:
        with gzip.open(path + ".gz", "rb") as f:
            data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_fashion(train, limit, side=28):
    d = locate_fashion()
    prefix = "train" if train else "t10k"
    x = read_idx(os.path.join(d, prefix + "-images-idx3-ubyte"))
    y = read_idx(os.path.join(d, prefix + "-labels-idx1-ubyte"))
    if limit:
        x, y = x[:limit], y[:limit]
    x = torch.from_numpy(x.astype(np.float32) / 255.0)
    if side > 28:   # centred on a canvas of background (a 0 pixel before normalising), as rramlab's padded task
        top, left = (side - 28) // 2, (side - 28) // 2
        x = F.pad(x, (left, side - 28 - left, top, side - 28 - top))
    x = (x - FASHION_MEAN) / FASHION_STD
    return x.unsqueeze(1).contiguous(), torch.from_numpy(y.astype(np.int64))


def _fashion_available():
    try:
        locate_fashion()
        return True
    except SystemExit:
        return False


def load_fsdd(folder, limit, seed):
    """rramlab's features of the paper split (2,100 + 900, [n, 1, 23, 20] in [0, 1]) or a synthetic stand-in."""
    files = [os.path.join(folder or "", n) for n in ("train_x.npy", "train_y.npy", "test_x.npy", "test_y.npy")]
    if folder and all(os.path.exists(f) for f in files):
        arrays = [np.load(f) for f in files]
        sets = [(torch.from_numpy(arrays[0]).float(), torch.from_numpy(arrays[1]).long()),
                (torch.from_numpy(arrays[2]).float(), torch.from_numpy(arrays[3]).long())]
        data = "FSDD paper split (features computed by rramlab, read from %s)" % folder
    else:
        g = torch.Generator().manual_seed(seed)
        sets = [(torch.rand(n, 1, 23, 20, generator=g), torch.randint(0, 10, (n,), generator=g)) for n in (2100, 900)]
        data = "SYNTHETIC features (uniform [0,1], random labels; rramlab's FSDD features were not found)"
    if limit:
        sets = [(x[:limit], y[:limit]) for x, y in sets]
    return sets[0], sets[1], data


# --- timing --------------------------------------------------------------------------------------------------------
def allocator():
    """The C allocator this process loaded: jemalloc when preloaded, else glibc's malloc (read from /proc/self/maps)."""
    try:
        with open("/proc/self/maps") as f:
            return "jemalloc" if "/libjemalloc" in f.read() else "glibc malloc"
    except OSError:
        return "unknown"


def cpu():
    """User and system CPU seconds of this process, and its minor page faults (fresh pages the kernel mapped)."""
    t = os.times()
    return t.user, t.system, resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def train_epoch(model, opt, x, y, batch, generator):
    model.train()
    order = torch.randperm(x.shape[0], generator=generator)
    loss_sum, correct = 0.0, 0
    for start in range(0, x.shape[0], batch):
        idx = order[start:start + batch]
        xb, yb = x[idx], y[idx]
        opt.zero_grad(set_to_none=True)
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)
        loss.backward()
        opt.step()
        loss_sum += loss.item() * len(idx)
        correct += int((logits.argmax(1) == yb).sum())
    return loss_sum / x.shape[0], correct / x.shape[0]


def evaluate(model, x, y, batch):
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, x.shape[0], batch):
            correct += int((model(x[start:start + batch]).argmax(1) == y[start:start + batch]).sum())
    return correct / x.shape[0]


def epoch_workload(network, model, train, test, batch, warmup, data, seed):
    def run(tr, te):
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
        train_epoch(model, opt, tr[0], tr[1], batch, torch.Generator().manual_seed(seed))
        return evaluate(model, te[0], te[1], batch)

    w0 = time.perf_counter()
    if warmup > 0:
        wtr = max(batch, round(warmup * train[0].shape[0]))
        wte = max(batch, round(warmup * test[0].shape[0]))
        run((train[0][:wtr], train[1][:wtr]), (test[0][:wte], test[1][:wte]))
    warmup_s = time.perf_counter() - w0
    u0, s0, f0 = cpu()
    t0 = time.perf_counter()
    acc = run(train, test)
    seconds = time.perf_counter() - t0
    u1, s1, f1 = cpu()
    return result(network, "epoch", seconds, [seconds], u1 - u0, s1 - s0, f1 - f0, warmup_s, model,
                  train=train[0].shape[0], test=test[0].shape[0], batch=batch, test_acc=round(acc, 4), data=data)


def unet_workload(model, warmup, steps, base, seed):
    batch, side = 64, 48
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(batch, 1, side, side, generator=g)
    truth = (torch.rand(batch, side, side, generator=g) > 0.9).long()
    opt = torch.optim.Adam(model.parameters(), lr=1e-4, weight_decay=5e-4)
    model.train()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), truth)
        loss.backward()
        opt.step()
        return loss.item()

    w0 = time.perf_counter()
    for _ in range(int(warmup)):
        step()
    warmup_s = time.perf_counter() - w0
    times = []
    u0, s0, f0 = cpu()
    loss = float("nan")
    for _ in range(steps):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
    u1, s1, f1 = cpu()
    return result("unet", "step", sorted(times)[len(times) // 2] if len(times) % 2 else
                  sum(sorted(times)[len(times) // 2 - 1:len(times) // 2 + 1]) / 2, times,
                  (u1 - u0) / steps, (s1 - s0) / steps, (f1 - f0) / steps, warmup_s, model, base=base, batch=batch, patch_side=side,
                  last_loss=round(loss, 5), data="synthetic patches (uniform noise, 10% positive pixels)")


def result(network, unit, seconds, times, user, sys_, faults, warmup_s, model, **extra):
    layers = [[name, list(m.weight.shape), m.weight.numel()] for name, m in masked_layers(model)]
    blas = "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"
    out = {"side": "pytorch", "network": network, "unit": unit, "seconds": round(seconds, 4),
           "times": [round(t, 4) for t in times], "user_s": round(user, 3), "sys_s": round(sys_, 3),
           "minor_faults": round(faults), "allocator": allocator(),
           "warmup_s": round(warmup_s, 3), "masked_weights": sum(l[2] for l in layers),
           "trained_params": sum(p.numel() for p in model.parameters()), "layers": layers,
           "threads": "torch.get_num_threads()=%d OMP_WAIT_POLICY=%s" % (torch.get_num_threads(), os.environ.get("OMP_WAIT_POLICY")),
           "torch": torch.__version__, "blas": os.path.realpath(blas) if os.path.exists(blas) else "?"}
    out.update(extra)
    return out


# --- correctness checks --------------------------------------------------------------------------------------------
def check():
    failures = []

    def expect(ok, what):
        print("check: %-72s %s" % (what, "ok" if ok else "FAILED"))
        if not ok:
            failures.append(what)

    for network, expected in EXPECTED_WEIGHTS.items():
        model = build(network)
        layers = masked_layers(model)
        total = sum(m.weight.numel() for _, m in layers)
        expect(total == expected, "%s: %s masked weights (expected %s)" % (network, format(total, ","), format(expected, ",")))
        exact = all(int(m.mask().sum()) == m.k == kept_count(m.weight.numel(), 0.5) for _, m in layers)
        expect(exact, "%s: every layer keeps exactly k = round(n/2) edges" % network)
        scores = {id(m.scores) for _, m in layers}
        others = [p for p in model.parameters() if id(p) not in scores]
        if network == "unet":   # plus the affine batch norms' scale and shift
            expect(all(p.dim() == 1 for p in others), "unet: trained parameters: the scores and batch-norm scale/shift")
        else:
            expect(not others, "%s: the only trained parameters are the scores" % network)
    shapes = {"cnn": (2, 1, 28, 28), "mlp": (2, 1, 28, 28), "crnn": (2, 1, 23, 20), "unet": (2, 1, 48, 48), "resnet20": (2, 1, 32, 32)}
    for network, shape in shapes.items():
        out = build(network, base=4 if network == "unet" else 32)(torch.rand(shape))
        want = (2, 2, 48, 48) if network == "unet" else (2, 10)
        expect(tuple(out.shape) == want, "%s: output shape %s (expected %s)" % (network, tuple(out.shape), want))
    # ResNet-20: the layer shapes of rramlab's network.ResNet (stem, 6 + 6 + 6 convs, 2 projections, head)
    shapes20 = [tuple(m.weight.shape) for _, m in masked_layers(build("resnet20"))]
    expect(len(shapes20) == 22 and shapes20[0] == (16, 1, 3, 3) and shapes20[-1] == (10, 64)
           and shapes20.count((32, 16, 1, 1)) == 1 and shapes20.count((64, 32, 1, 1)) == 1 and shapes20.count((64, 64, 3, 3)) == 5,
           "resnet20: 22 weight layers, 1x1 projections where stages change (%d layers)" % len(shapes20))
    padded, _ = load_fashion(False, 2, side=32) if _fashion_available() else (None, None)
    if padded is not None:
        bg = (0 - FASHION_MEAN) / FASHION_STD
        expect(tuple(padded.shape) == (2, 1, 32, 32) and bool(torch.allclose(padded[:, :, :2], torch.full_like(padded[:, :, :2], bg)))
               and bool(torch.allclose(padded[:, :, :, -2:], torch.full_like(padded[:, :, :, -2:], bg))),
               "padded Fashion-MNIST: 32x32, 2-pixel border of the normalised background")
    # straight-through score gradient: dL/ds = sign(s) * dL/dW_eff * W, and the weights never change
    g = torch.Generator().manual_seed(3)
    layer = EPLinear(7, 5, g)
    before = layer.weight.clone()
    x = torch.randn(4, 7, generator=g)
    upstream = torch.randn(4, 5, generator=g)
    (layer(x) * upstream).sum().backward()
    grad_w_eff = upstream.t() @ x
    expect(torch.allclose(layer.scores.grad, torch.sign(layer.scores.detach()) * grad_w_eff * layer.weight, atol=1e-6),
           "straight-through gradient = sign(score) * dL/dW_eff * W")
    torch.optim.SGD(layer.parameters(), lr=0.1).step()
    expect(torch.equal(layer.weight, before), "an optimiser step leaves the fixed weights unchanged")
    # quantiser: at most 2^bits levels spanning min..max, gradient straight through
    v = torch.randn(1000, requires_grad=True)
    q = Quant(4)(v)
    expect(len(torch.unique(q.detach())) <= 16 and abs(float(q.min() - v.min())) < 1e-6 and abs(float(q.max() - v.max())) < 1e-5,
           "4-bit quantiser: <= 16 levels from min to max")
    q.sum().backward()
    expect(torch.equal(v.grad, torch.ones(1000)), "quantiser gradient passes straight through")
    return 1 if failures else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("network", nargs="?", choices=["cnn", "mlp", "crnn", "unet", "resnet20"])
    p.add_argument("--check", action="store_true", help="run the correctness checks and exit")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--warmup", type=float, default=None,
                   help="warm-up: fraction of an epoch (cnn, mlp, resnet20: 0.1; crnn: 1) or steps (unet: 2)")
    p.add_argument("--steps", type=int, default=4, help="timed U-Net steps (default 4)")
    p.add_argument("--limit", type=int, default=0, help="cap on training and test examples (smoke runs; 0 = all)")
    p.add_argument("--base", type=int, default=32, help="U-Net base width (default 32)")
    p.add_argument("--fsdd", default=None, help="folder with rramlab's CRNN features (train_x.npy, ...)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.check:
        sys.exit(check())
    if not a.network:
        p.error("expected a network (cnn, mlp, crnn, unet, resnet20) or --check")
    torch.manual_seed(a.seed)
    model = build(a.network, a.base, a.seed)
    if a.network in ("cnn", "mlp"):
        train, test = load_fashion(True, a.limit), load_fashion(False, a.limit)
        batch = 60 if a.network == "cnn" else 128
        data = "Fashion-MNIST, batch %d, %s" % (batch, "4-bit min-max activations" if a.network == "cnn" else "float activations")
        out = epoch_workload(a.network, model, train, test, batch, 0.1 if a.warmup is None else a.warmup, data, a.seed)
    elif a.network == "resnet20":
        ntrain = min(a.limit, RESNET_TRAIN) if a.limit else RESNET_TRAIN
        ntest = min(a.limit, RESNET_TEST) if a.limit else RESNET_TEST
        train, test = load_fashion(True, ntrain, side=32), load_fashion(False, ntest, side=32)
        data = "Fashion-MNIST padded to 32x32 (first %d + %d images), width 16, batch 60, 4-bit min-max activations" % (ntrain, ntest)
        out = epoch_workload("resnet20", model, train, test, 60, 0.1 if a.warmup is None else a.warmup, data, a.seed)
    elif a.network == "crnn":
        train, test, data = load_fsdd(a.fsdd, a.limit, a.seed)
        out = epoch_workload("crnn", model, train, test, 30, 1.0 if a.warmup is None else a.warmup, data + ", batch 30, 3-bit min-max activations", a.seed)
    else:
        out = unet_workload(model, 2 if a.warmup is None else a.warmup, a.steps, a.base, a.seed)
    print("VSPYTORCH " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
