"""BG/NBD and Gamma-Gamma on CDNOW: the papers' estimates and agreement with lifetimes."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from crm_desktop.scoring import bgnbd, gamma_gamma, score_book, summarize_orders

AS_OF = np.datetime64("1997-09-30")


def sig3(v: float) -> float:
    """Round to three significant digits."""
    return float(f"{v:.3g}")


@pytest.fixture(scope="module")
def fitted(cdnow_summary):
    x, tx, T, m = cdnow_summary
    return bgnbd.fit_bgnbd(x, tx, T), gamma_gamma.fit_gamma_gamma(x, m)


@pytest.fixture(scope="module")
def lt_models(lifetimes_mod, cdnow_summary):
    x, tx, T, m = cdnow_summary
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bgf = lifetimes_mod.BetaGeoFitter().fit(x, tx, T)
        rep = x > 0
        ggf = lifetimes_mod.GammaGammaFitter().fit(x[rep], m[rep])
    return bgf, ggf


def test_bgnbd_reproduces_paper_table(fitted):
    """BG/NBD on the 2,357-customer CDNOW summary gives r, α, a, b = 0.243, 4.414, 0.793, 2.426 (3 s.f.)
    and LL -9582.4."""
    p, _ = fitted
    assert p.converged
    assert (sig3(p.r), sig3(p.alpha), sig3(p.a), sig3(p.b)) == (0.243, 4.41, 0.793, 2.43)
    assert abs(p.alpha - 4.414) < 5e-4 and abs(p.b - 2.426) < 5e-4
    assert abs(p.log_likelihood - (-9582.4)) < 0.05


def test_gamma_gamma_reproduces_paper(fitted):
    """Gamma-Gamma on CDNOW repeat buyers gives p, q, γ = 6.25, 3.74, 15.44 (3 s.f.)."""
    _, g = fitted
    assert g.converged and g.n_customers == 946
    assert (sig3(g.p), sig3(g.q), sig3(g.gamma)) == (6.25, 3.74, 15.4)
    assert abs(g.gamma - 15.44) < 0.01


def test_fitted_parameters_match_lifetimes(fitted, lt_models):
    """Our maximum-likelihood estimates equal lifetimes' (BetaGeoFitter, GammaGammaFitter) to 1e-5 relative."""
    p, g = fitted
    bgf, ggf = lt_models
    np.testing.assert_allclose([p.r, p.alpha, p.a, p.b], bgf.params_[["r", "alpha", "a", "b"]].to_numpy(), rtol=1e-5)
    np.testing.assert_allclose([g.p, g.q, g.gamma], ggf.params_[["p", "q", "v"]].to_numpy(), rtol=1e-5)


def _lifetimes_with(lt_models, p, g):
    """Copies of lifetimes' fitters carrying our parameters, so predictions compare like for like."""
    import copy

    bgf, ggf = (copy.deepcopy(m) for m in lt_models)
    bgf.params_[["r", "alpha", "a", "b"]] = [p.r, p.alpha, p.a, p.b]
    ggf.params_[["p", "q", "v"]] = [g.p, g.q, g.gamma]
    return bgf, ggf


def test_p_alive_and_expected_purchases_match_lifetimes(fitted, lt_models, cdnow_summary):
    """P(alive) and E[Y(t)|x,t_x,T] equal lifetimes' to 1e-6 relative on every customer, for several t."""
    p, g = fitted
    bgf, _ = _lifetimes_with(lt_models, p, g)
    x, tx, T, _m = cdnow_summary
    ours = bgnbd.conditional_probability_alive(p, x, tx, T)
    theirs = np.asarray(bgf.conditional_probability_alive(x, tx, T))
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=0)
    for t in (1.0, 10.0, 39.0, 52.0, 104.0):
        ours = bgnbd.conditional_expected_purchases(p, t, x, tx, T)
        theirs = np.asarray(bgf.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T))
        np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=0)
    ts = np.array([1.0, 39.0, 78.0])
    np.testing.assert_allclose(bgnbd.expected_purchases(p, ts), bgf.expected_number_of_purchases_up_to_time(ts),
                               rtol=1e-6)


def test_spend_and_clv_match_lifetimes(fitted, lt_models, cdnow_summary):
    """Conditional expected order value and 12-month CLV (1 %/month) equal lifetimes' to 1e-6 relative."""
    import pandas as pd

    p, g = fitted
    bgf, ggf = _lifetimes_with(lt_models, p, g)
    x, tx, T, m = cdnow_summary
    ours = gamma_gamma.conditional_expected_average_value(g, x, m)
    theirs = ggf.conditional_expected_average_profit(pd.Series(x), pd.Series(m)).to_numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)
    ours = gamma_gamma.customer_lifetime_value(p, g, x, tx, T, m, n_months=12, monthly_discount_rate=0.01,
                                               periods_per_month=4.345)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ggf.customer_lifetime_value(
            bgf, pd.Series(x), pd.Series(tx), pd.Series(T), pd.Series(m), time=12, discount_rate=0.01, freq="W"
        ).to_numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)


def test_log_likelihood_matches_lifetimes(fitted, lt_models, cdnow_summary):
    """Our mean BG/NBD log-likelihood in lifetimes' scaled time equals lifetimes' optimum objective."""
    p, _ = fitted
    bgf, _ = lt_models
    x, tx, T, _m = cdnow_summary
    s = 1.0 / T.max()
    scaled = bgnbd.BGNBDParams(p.r, p.alpha * s, p.a, p.b)
    ll = bgnbd.log_likelihood(scaled, x, tx * s, T * s)
    assert abs(-ll.mean() - bgf._negative_log_likelihood_) < 1e-8


def test_summary_from_transactions_matches_lifetimes(lifetimes_mod, cdnow_sample):
    """Orders -> (x, t_x, T, repeat mean) equals lifetimes' summary_data_from_transaction_data
    (daily periods, weeks)."""
    import pandas as pd
    from lifetimes.utils import summary_data_from_transaction_data

    cidx, dates, cents, ids = cdnow_sample
    s = summarize_orders(ids.size, cidx, dates, cents, AS_OF, time_unit_days=7.0, period_days=1.0)
    df = pd.DataFrame({"id": ids[cidx], "date": dates.astype("datetime64[ns]"), "v": cents / 100.0})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = summary_data_from_transaction_data(
            df, "id", "date", monetary_value_col="v", observation_period_end="1997-09-30", freq="D", freq_multiplier=7
        ).reindex(ids)
    np.testing.assert_array_equal(s.frequency, ref["frequency"].to_numpy())
    np.testing.assert_allclose(s.recency, ref["recency"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(s.T, ref["T"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(s.monetary_repeat / 100.0, ref["monetary_value"].to_numpy(), rtol=1e-9)


def test_score_book_on_cdnow_sample(cdnow_sample):
    """score_book on CDNOW sample orders fits the paper's parameters and returns finite per-customer arrays."""
    cidx, dates, cents, ids = cdnow_sample
    res = score_book(ids, cidx, dates, cents, AS_OF)
    assert res.model == "bgnbd+gamma-gamma" and res.fallback_reason == ""
    assert (sig3(res.r), sig3(res.alpha), sig3(res.a), sig3(res.b)) == (0.243, 4.41, 0.793, 2.43)
    assert (sig3(res.p), sig3(res.q), sig3(res.gamma / 100)) == (6.25, 3.74, 15.4)
    for arr in (res.p_alive, res.expected_purchases, res.expected_value, res.usual_gap_days):
        assert arr.shape == ids.shape and np.all(np.isfinite(arr))
    assert set(np.unique(res.decile)) == set(range(1, 11))
    assert 0.5 < res.pareto_share_expected <= 1.0
