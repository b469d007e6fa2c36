"""Fixtures for the scoring tests: the CDNOW data shipped inside the `lifetimes` package."""

from __future__ import annotations

import os

import numpy as np
import pytest


def lifetimes_datasets_dir() -> str:
    """Folder of lifetimes' bundled datasets (skips the test when lifetimes is missing)."""
    lifetimes = pytest.importorskip("lifetimes")
    return os.path.join(os.path.dirname(lifetimes.__file__), "datasets")


def load_cdnow_transactions(name: str = "CDNOW_sample.txt"):
    """(customer_index, dates datetime64[D], amounts in cents, customer ids) from a CDNOW text file.

    CDNOW_sample.txt columns: master id, sample id, yyyymmdd, cds, dollars;
    CDNOW_master.txt: id, yyyymmdd, cds, dollars (first line is a header).
    """
    path = os.path.join(lifetimes_datasets_dir(), name)
    with open(path) as fh:
        rows = [line.split() for line in fh if line.strip() and line.split()[0].isdigit()]
    if len(rows[0]) == 5:
        ids = np.array([int(r[1]) for r in rows])
        ymd = [r[2] for r in rows]
        dollars = np.array([float(r[4]) for r in rows])
    else:
        ids = np.array([int(r[0]) for r in rows])
        ymd = [r[1] for r in rows]
        dollars = np.array([float(r[3]) for r in rows])
    dates = np.array([f"{d[:4]}-{d[4:6]}-{d[6:]}" for d in ymd], dtype="datetime64[D]")
    cents = np.round(dollars * 100).astype(np.int64)
    uniq, inv = np.unique(ids, return_inverse=True)
    return inv, dates, cents, uniq


@pytest.fixture(scope="session")
def cdnow_sample():
    """The 2,357-customer CDNOW sample as order arrays."""
    return load_cdnow_transactions("CDNOW_sample.txt")


@pytest.fixture(scope="session")
def cdnow_summary():
    """cdnow_customers_summary_with_transactions.csv: (x, t_x, T, mean repeat spend) arrays."""
    path = os.path.join(lifetimes_datasets_dir(), "cdnow_customers_summary_with_transactions.csv")
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, 1], data[:, 2], data[:, 3], data[:, 4]


@pytest.fixture(scope="session")
def lifetimes_mod():
    """The lifetimes package (skip when it cannot be imported)."""
    return pytest.importorskip("lifetimes")
