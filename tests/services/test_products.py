"""The product catalogue and price lists on a real book: codes unique among live products, one sentence per
bad field, deactivation, and what a customer pays."""

from __future__ import annotations

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import ProductInput
from crm_desktop.services.products import InvalidPriceList, InvalidProduct, PriceListInput, ProductService


@pytest.fixture
def products(ctx):
    return ProductService(ctx)


def test_a_product_is_stored_with_price_and_tax_in_exact_units(products):
    """"1,280.50" CNY and 13 % are 128050 fen and 1300 basis points."""
    pid = products.create(ProductInput("A-01", "办公椅", "把", "1,280.50", "CNY", "13%")).id
    row = products.get(pid)
    assert (row.code, row.name, row.unit, row.price_minor, row.currency, row.tax_bp, row.active) == \
        ("A-01", "办公椅", "把", 128050, "CNY", 1300, True)


def test_every_bad_field_gets_its_own_sentence_and_nothing_is_saved(products):
    """No code, no name, a price that is no amount and a tax above 100 %: four problems, no product."""
    with pytest.raises(InvalidProduct) as caught:
        products.create(ProductInput("", "", "", "abc", "CNY", "130"))
    assert [e.field for e in caught.value.errors] == ["code", "name", "price", "tax_rate"]
    assert products.products() == []


def test_a_code_is_unique_among_live_products_whatever_its_case(products):
    """A second "a-01" is refused; renaming another product to it too; a new code is fine."""
    products.create(ProductInput("A-01", "办公椅"))
    with pytest.raises(InvalidProduct) as caught:
        products.create(ProductInput(" a-01", "别的椅子"))
    assert caught.value.errors[0].field == "code"
    other = products.create(ProductInput("B-02", "桌子")).id
    with pytest.raises(InvalidProduct):
        products.update(other, ProductInput("A-01", "桌子"))
    assert products.update(other, ProductInput("B-03", "桌子"))
    assert [p.code for p in products.products()] == ["A-01", "B-03"]


def test_two_books_adding_the_same_code_make_the_same_row(ctx, tmp_path, clock):
    """The id derives from the code, so a merge meets one product, not two."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext

    other = open_database(tmp_path / "other.sqlite", create=True)
    try:
        mine = ProductService(ctx).create(ProductInput("A-01", "办公椅")).id
        theirs = ProductService(ServiceContext(other, "李娜", clock)).create(ProductInput("a-01", "办公椅")).id
        assert mine == theirs
    finally:
        other.close()


def test_a_deactivated_product_is_listed_apart_and_can_come_back(products):
    """Deactivated: not among the active ones, still in the catalogue; activating brings it back."""
    pid = products.create(ProductInput("A-01", "办公椅")).id
    assert products.set_active(pid, False)
    assert products.products(include_inactive=False) == [] and not products.get(pid).active
    products.set_active(pid, True)
    assert [p.id for p in products.products(include_inactive=False)] == [pid]


def test_a_customer_pays_the_mvc_price_when_mvc_and_the_catalogue_otherwise(ctx, customers):
    """prices_for follows the segment the scores give; a list naming the customer wins over it."""
    a = customers.create(CustomerInput(name="张伟")).id
    b = customers.create(CustomerInput(name="李娜")).id
    segments = {a: "MVC"}
    svc = ProductService(ctx, segments.get)
    pen = svc.create(ProductInput("A-01", "签字笔", "支", "2.50")).id
    mvc = svc.save_price_list(None, PriceListInput("MVC 价格", "MVC", prices={pen: "2.20"})).id
    assert svc.prices_for(a)[pen].price_minor == 220 and svc.prices_for(b)[pen].price_minor == 250
    svc.save_price_list(None, PriceListInput("李娜专享", None, (b,), {pen: "2.00"}))
    assert svc.prices_for(b)[pen].price_minor == 200 and svc.prices_for(b)[pen].kind == "customer"
    svc.save_price_list(mvc, PriceListInput("MVC 价格", "MVC", prices={pen: ""}))
    assert svc.prices_for(a)[pen].kind == "catalogue"


def test_a_price_list_needs_a_name_and_real_prices(ctx):
    """No name and a price that is no amount: two sentences, nothing saved."""
    svc = ProductService(ctx)
    pen = svc.create(ProductInput("A-01", "签字笔")).id
    with pytest.raises(InvalidPriceList) as caught:
        svc.save_price_list(None, PriceListInput(" ", "MVC", prices={pen: "two"}))
    assert [e.field for e in caught.value.errors] == ["name", f"price:{pen}"]
    assert svc.price_lists() == []
