"""Reference throughput for ImageAugmentBenchmark: the same operations on a 512x512 RGB image with
OpenCV (what albumentations calls) and torchvision's functional transforms, one thread each.

Run with Debian's packages (apt-get install python3-opencv python3-torchvision):
    /usr/bin/python3 ersatz-bench/src/main/python/image_augment_reference.py

Timing rule, as in the Java benchmark: 1 s of warm-up, then 5 rounds of at least 0.5 s; reported
are the best round's wall-clock rate and the best rate per second of the thread's CPU time. Colour jitter with OpenCV is written the way
albumentations' ColorJitter does it (look-up tables for brightness and contrast, a blend with the
grey image for saturation, a hue shift through HSV).
"""
import math
import os
import sys
import time

import cv2
import numpy as np

cv2.setNumThreads(1)
W = H = 512


def test_image():
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:H, 0:W]
    img = np.stack([(x // 2 + rng.integers(0, 64, (H, W))) & 255,
                    (y // 2 + rng.integers(0, 64, (H, W))) & 255,
                    ((x + y) // 4 + rng.integers(0, 64, (H, W))) & 255], axis=-1).astype(np.uint8)
    return cv2.GaussianBlur(img, (7, 7), 1.4)


def rate(op):
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        op()
    wall = cpu = 0.0
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.thread_time()
        n = 0
        while True:
            op()
            n += 1
            t = time.perf_counter()
            if t - t0 >= 0.5:
                break
        c = time.thread_time() - c0
        wall = max(wall, n / (t - t0))
        cpu = max(cpu, n / c)
    return wall, cpu


def affine_matrix():
    # Forward map about the centre: translate(c + (20, 0)) . rotate(10) . shear_x(0.1) . scale(1.1) . translate(-c)
    c = ((W - 1) / 2, (H - 1) / 2)
    t = math.radians(10)
    rot = np.array([[math.cos(t), math.sin(t), 0], [-math.sin(t), math.cos(t), 0], [0, 0, 1]])
    sh = np.array([[1, 0.1, 0], [0, 1, 0], [0, 0, 1]])
    sc = np.diag([1.1, 1.1, 1])
    to0 = np.array([[1, 0, -c[0]], [0, 1, -c[1]], [0, 0, 1]])
    back = np.array([[1, 0, c[0] + 20], [0, 1, c[1]], [0, 0, 1]])
    return (back @ rot @ sh @ sc @ to0)[:2]


def cv_ops(img):
    m_aff = affine_matrix()
    m_rot = cv2.getRotationMatrix2D(((W - 1) / 2, (H - 1) / 2), 15, 1.0)

    def jitter():
        x = cv2.LUT(img, np.clip(np.arange(256) * 1.1, 0, 255).astype(np.uint8))
        mean = cv2.cvtColor(x, cv2.COLOR_RGB2GRAY).mean()
        x = cv2.LUT(x, np.clip(np.arange(256) * 0.9 + mean * 0.1, 0, 255).astype(np.uint8))
        grey = cv2.cvtColor(cv2.cvtColor(x, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
        x = cv2.addWeighted(x, 1.2, grey, -0.2, 0)
        hsv = cv2.cvtColor(x, cv2.COLOR_RGB2HSV)
        hsv[..., 0] = cv2.LUT(hsv[..., 0], ((np.arange(256) + 0.05 * 180) % 180).astype(np.uint8))
        return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)

    return {
        "affine (rotate 10, scale 1.1, shear 5.71, shift 20 px; reflect101)":
            lambda: cv2.warpAffine(img, m_aff, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101),
        "rotate 15 (constant border)":
            lambda: cv2.warpAffine(img, m_rot, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT),
        "resize to 256x256": lambda: cv2.resize(img, (256, 256), interpolation=cv2.INTER_LINEAR),
        "resize to 384x384": lambda: cv2.resize(img, (384, 384), interpolation=cv2.INTER_LINEAR),
        "resize to 640x640": lambda: cv2.resize(img, (640, 640), interpolation=cv2.INTER_LINEAR),
        "gaussian blur 5x5 (sigma 1.1)": lambda: cv2.GaussianBlur(img, (5, 5), 0),
        "gaussian blur sigma 2 (13x13)": lambda: cv2.GaussianBlur(img, (13, 13), 2),
        "color jitter (b 1.1, c 0.9, s 1.2, h 0.05)": jitter,
    }


def torch_ops(img):
    import torch
    import torchvision.transforms.functional as F
    from torchvision.transforms import InterpolationMode
    torch.set_num_threads(1)
    t = torch.from_numpy(img).permute(2, 0, 1).contiguous()

    def jitter():
        x = F.adjust_brightness(t, 1.1)
        x = F.adjust_contrast(x, 0.9)
        x = F.adjust_saturation(x, 1.2)
        return F.adjust_hue(x, 0.05)

    return {
        "affine (rotate 10, scale 1.1, shear 5.71, shift 20 px; reflect101)":
            lambda: F.affine(t, angle=10.0, translate=[20, 0], scale=1.1, shear=[math.degrees(math.atan(0.1)), 0.0],
                             interpolation=InterpolationMode.BILINEAR),
        "rotate 15 (constant border)": lambda: F.rotate(t, 15.0, interpolation=InterpolationMode.BILINEAR),
        "resize to 256x256": lambda: F.resize(t, [256, 256], interpolation=InterpolationMode.BILINEAR, antialias=False),
        "resize to 384x384": lambda: F.resize(t, [384, 384], interpolation=InterpolationMode.BILINEAR, antialias=False),
        "resize to 640x640": lambda: F.resize(t, [640, 640], interpolation=InterpolationMode.BILINEAR, antialias=False),
        "gaussian blur 5x5 (sigma 1.1)": lambda: F.gaussian_blur(t, [5, 5], [1.1, 1.1]),
        "gaussian blur sigma 2 (13x13)": lambda: F.gaussian_blur(t, [13, 13], [2.0, 2.0]),
        "color jitter (b 1.1, c 0.9, s 1.2, h 0.05)": jitter,
    }


def main():
    img = test_image()
    print(f"OpenCV {cv2.__version__}, one thread, 512x512 RGB; load average {os.getloadavg()[0]:.2f}")
    for name, op in cv_ops(img).items():
        wall, cpu = rate(op)
        print(f"{name:<55} {wall:8.0f} img/s wall {cpu:8.0f} img/s CPU")
    if "--no-torch" not in sys.argv:
        try:
            import torchvision
            print(f"\ntorchvision {torchvision.__version__} (functional, uint8 tensors), one thread")
            for name, op in torch_ops(img).items():
                wall, cpu = rate(op)
                print(f"{name:<55} {wall:8.0f} img/s wall {cpu:8.0f} img/s CPU")
        except ImportError as e:
            print(f"\ntorchvision not available: {e}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
