"""Quote use cases: making a quote of a deal, reading what its file shows, sending it, accepting it.

* :meth:`QuoteService.create` freezes the lines given (checked like a deal's, plus a tax rate) with each
  product's code, name and unit as they are now, under the deal's next version (v1, v2 …), in the deal's
  currency, with their totals (:func:`crm_desktop.domain.quotes.quote_totals`).
* :meth:`QuoteService.mark_sent` logs an e-mail to the customer ("发送报价单 v2") and stamps the quote sent.
* :meth:`QuoteService.accept` turns the quote into an order with its lines (the order's amount is their gross
  total, so scores and the dashboard see what was bought) and moves the deal to Won; :meth:`undo_accept`
  takes both back (one undo step).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from crm_desktop.db import deals as deals_q
from crm_desktop.db import products as products_q
from crm_desktop.db import quotes as q
from crm_desktop.db.database import Tx
from crm_desktop.db.models import Order, OrderLine, Quote
from crm_desktop.db.sync import insert_row, set_deleted, update_row
from crm_desktop.domain import products as p
from crm_desktop.domain import quotes as qd
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.deals import DealRow, MoveUndo
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, InvalidFields, UserError, ValidationError
from crm_desktop.domain.products import LineInput, PriceSource, ProductRow
from crm_desktop.domain.quotes import QuoteDocument, QuoteInput, QuoteLine, QuoteRow
from crm_desktop.services import deal_lines
from crm_desktop.services.company import CompanyService
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.deals import DealNotFound, DealService
from crm_desktop.services.timeline import ContactLogInput, TimelineService


class QuoteNotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This quote no longer exists."))


class QuoteAccepted(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This quote was accepted already; its order exists."))


class InvalidQuote(InvalidFields):
    """Raised when a quote cannot be saved (nothing was saved); ``errors`` names the fields."""


SENT_SUMMARY = {"zh": "发送报价单 {version}", "en": "Sent quotation {version}"}
"""What the logged e-mail says, in the quote's language (stored text, like any summary typed)."""
ORDER_DESCRIPTION = {"zh": "报价单 {version} · {title}", "en": "Quotation {version} · {title}"}


@dataclass(frozen=True)
class QuoteDraft:
    """What the quote dialog starts from: the deal, the active catalogue and the customer's prices, the lines
    to begin with (the latest quote's, else the deal's own at the product's tax rate), the deal's quotes."""

    deal: DealRow
    products: Sequence[ProductRow]
    prices: dict[str, PriceSource]
    lines: tuple[QuoteLine, ...]
    quotes: Sequence[QuoteRow]
    valid_until: date


@dataclass(frozen=True)
class Accepted:
    """A quote turned into an order: what :meth:`QuoteService.undo_accept` takes back."""

    quote_id: str
    order_id: str
    line_ids: tuple[str, ...]
    move: MoveUndo | None
    changes: Changes


def _written(customer_id: str, *kinds: Kind) -> Changes:
    return Changes.of(Kind.DEAL, *kinds, customers=[customer_id])


class QuoteService:
    """Quotes of the open database, made by the salesperson in ``ctx.user``."""

    def __init__(self, ctx: ServiceContext, deals: DealService | None = None) -> None:
        self.ctx = ctx
        self.deals = deals or DealService(ctx)

    @classmethod
    def from_services(cls, services: Any) -> QuoteService:
        return cls(services.ctx, services.get(DealService))

    # --- reading -------------------------------------------------------------------------------------------
    def draft(self, deal_id: str) -> QuoteDraft:
        """What a new quote of *deal_id* starts from (see :class:`QuoteDraft`)."""
        from crm_desktop.services.products import ProductService

        deal = self.deals.get(deal_id)
        products = ProductService(self.ctx)
        catalogue = products.products(include_inactive=False)
        prices = products.prices_for(deal.customer_id)
        with self.ctx.db.reading() as tx:
            quotes = q.quotes_of_deal(tx, deal_id)
            lines = quotes[0].lines if quotes else self._deal_lines(tx, deal_id)
        today = self.ctx.now().astimezone().date()
        return QuoteDraft(deal, catalogue, prices, lines, quotes, today + timedelta(days=qd.DEFAULT_VALID_DAYS))

    @staticmethod
    def _deal_lines(tx: Tx, deal_id: str) -> tuple[QuoteLine, ...]:
        out = []
        for r in products_q.deal_lines(tx, deal_id):
            product = products_q.product(tx, r.product_id)
            out.append(QuoteLine(r.product_id, r.code, r.name, r.unit, r.quantity_milli, r.unit_price_minor,
                                 r.discount_bp, product.tax_bp if product else 0))
        return tuple(out)

    def find_deal(self, prefix: str) -> str:
        """The id of the one live deal whose id is or begins with *prefix*, else whose title is exactly
        *prefix* (the command line's DEAL)."""
        text = (prefix or "").strip()
        with self.ctx.db.reading() as tx:
            found = q.deals_with_prefix(tx, text.lower()) if text else []
            titled = q.deals_titled(tx, text) if text and not found else []
        if len(titled) > 1:
            raise UserError(QT_TRANSLATE_NOOP("errors", "Several deals are called “{title}”; give the deal's id."),
                            title=text)
        found = found or titled
        if not found:
            raise UserError(QT_TRANSLATE_NOOP("errors", "No deal is called “{prefix}” nor has an id beginning "
                                                        "so."), prefix=prefix)
        if len(found) > 1:
            raise UserError(QT_TRANSLATE_NOOP("errors", "Several deals' ids begin with “{prefix}”; give more of "
                                                        "the id."), prefix=prefix)
        return found[0]

    def for_deal(self, deal_id: str) -> list[QuoteRow]:
        """The deal's quotes, newest version first."""
        with self.ctx.db.reading() as tx:
            return q.quotes_of_deal(tx, deal_id)

    def get(self, quote_id: str) -> QuoteRow:
        with self.ctx.db.reading() as tx:
            row = q.quote(tx, quote_id)
        if row is None:
            raise QuoteNotFound()
        return row

    def latest_or_first(self, deal_id: str, language: str | None = None) -> QuoteRow:
        """The deal's latest quote; when it has none, v1 made from the deal's own lines (the command line's
        ``quote DEAL``)."""
        quotes = self.for_deal(deal_id)
        if quotes:
            return quotes[0]
        with self.ctx.db.reading() as tx:
            if deals_q.load_one(tx, deal_id) is None:
                raise DealNotFound()
            lines = self._deal_lines(tx, deal_id)
        if not lines:
            raise InvalidQuote([ValidationError("lines", QT_TRANSLATE_NOOP(
                "errors", "The deal has no products to quote; add them to the deal first."))])
        data = QuoteInput(tuple(qd.QuoteLineInput(x.product_id, p.format_quantity(x.quantity_milli),
                                                  x.unit_price_minor, p.format_rate(x.discount_bp),
                                                  p.format_rate(x.tax_bp)) for x in lines),
                          self.ctx.now().astimezone().date() + timedelta(days=qd.DEFAULT_VALID_DAYS),
                          language or "zh")
        return self.get(self.create(deal_id, data).id)

    def order_lines(self, order_id: str) -> list[tuple[Any, ...]]:
        """(id, product id, name, unit, quantity milli, unit price, discount bp, tax bp) of an order's lines."""
        with self.ctx.db.reading() as tx:
            return q.order_lines(tx, order_id)

    def document(self, quote_id: str) -> QuoteDocument:
        """What the quote's file shows: the quote, the deal's title, the customer, the company's details."""
        company = CompanyService(self.ctx).details()
        with self.ctx.db.reading() as tx:
            quote = q.quote(tx, quote_id)
            if quote is None:
                raise QuoteNotFound()
            deal = deals_q.load_one(tx, quote.deal_id)
            if deal is None:
                raise DealNotFound()
            who = q.customer_details(tx, deal.customer_id) or (deal.customer_name, "", "", "")
        return QuoteDocument(quote, deal.title, *who, company=company)

    # --- writing -------------------------------------------------------------------------------------------
    def _check(self, tx: Tx, data: QuoteInput) -> list[QuoteLine]:
        checked, errors = deal_lines.check_lines(tx, [LineInput(x.product_id, x.quantity, x.unit_price_minor,
                                                                x.discount) for x in data.lines])
        taxes: list[int] = []
        for n, line in enumerate(data.lines, start=1):
            try:
                taxes.append(p.parse_rate(line.tax_rate))
            except p.NumberError as exc:
                errors.append(ValidationError(f"line:{n}", p.RATE_MESSAGES[exc.reason], value=line.tax_rate))
        if not data.lines:
            errors.append(ValidationError("lines", QT_TRANSLATE_NOOP("errors", "Add at least one product to the "
                                                                               "quote.")))
        if data.language not in qd.LANGUAGES:
            errors.append(ValidationError("language", QT_TRANSLATE_NOOP("errors", "Choose Chinese or English.")))
        if errors:
            raise InvalidQuote(errors)
        out = []
        for (product_id, quantity, price, discount), tax in zip(checked, taxes, strict=True):
            product = products_q.product(tx, product_id)
            assert product is not None  # check_lines found it in this transaction
            out.append(QuoteLine(product_id, product.code, product.name, product.unit, quantity, price, discount,
                                 tax))
        return out

    def create(self, deal_id: str, data: QuoteInput) -> Created:
        """Save the deal's next version of a quote with *data*'s lines; raises InvalidQuote (nothing saved)."""
        now = self.ctx.now().astimezone(UTC)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            deal = deals_q.load_one(tx, deal_id)
            if deal is None:
                raise DealNotFound()
            lines = self._check(tx, data)
            totals = qd.quote_totals(lines)
            quote_id = insert_row(tx, Quote, {
                "deal_id": deal_id, "version": qd.next_version(q.versions(tx, deal_id)),
                "valid_until": data.valid_until, "currency": deal.currency, "language": data.language,
                "lines": qd.lines_to_json(lines), "net_minor": totals.net_minor, "tax_minor": totals.tax_minor,
                "gross_minor": totals.gross_minor, "created_by": self.ctx.user, "created_at": now}, stamp)
        return Created(quote_id, _written(deal.customer_id))

    def mark_sent(self, quote_id: str) -> Changes:
        """The quote went out by e-mail: log the e-mail on the customer's timeline and stamp the quote sent."""
        quote = self.get(quote_id)
        with self.ctx.db.reading() as tx:
            customer_id = deals_q.customer_of(tx, quote.deal_id)
        if customer_id is None:
            raise DealNotFound()
        summary = SENT_SUMMARY[quote.language].format(version=quote.label)
        logged = TimelineService(self.ctx).log_contact(ContactLogInput(customer_id, channel="email",
                                                                       direction="out", summary=summary))
        with self.ctx.db.writing() as tx:
            update_row(tx, Quote, quote_id, {"sent_at": self.ctx.now().astimezone(UTC)}, self.ctx.stamp())
        return logged.changes | _written(customer_id)

    def accept(self, quote_id: str, *, move: bool = True) -> Accepted:
        """The customer accepted the quote: an order with its lines (amount = their gross total) and, with
        *move*, the deal moved to Won (when it is not there yet)."""
        with self.ctx.db.writing() as tx:
            quote = q.quote(tx, quote_id)
            if quote is None:
                raise QuoteNotFound()
            if quote.order_id and q.order_live(tx, quote.order_id):
                raise QuoteAccepted()
            deal = deals_q.load_one(tx, quote.deal_id)
            if deal is None:
                raise DealNotFound()
            order_id, line_ids = self._order(tx, quote, deal)
        undo = None
        won = self.deals.settings().won.key
        if move and deal.stage != won:
            undo = self.deals.move(deal.id, won).undo
        changes = Changes.of(Kind.DEAL, Kind.ORDER, customers=[deal.customer_id])
        return Accepted(quote_id, order_id, line_ids, undo, changes)

    def order_on_won(self, deal_id: str) -> Accepted | None:
        """A deal just moved to Won: when its latest quote has no order yet, that quote is accepted (the order
        with its lines); None when the deal has no quote or its latest has its order."""
        with self.ctx.db.reading() as tx:
            quotes = q.quotes_of_deal(tx, deal_id)
            if not quotes or (quotes[0].order_id and q.order_live(tx, quotes[0].order_id)):
                return None
        return self.accept(quotes[0].id, move=False)

    def _order(self, tx: Tx, quote: QuoteRow, deal: DealRow) -> tuple[str, tuple[str, ...]]:
        """Write the order of an accepted *quote* with its lines; (order id, line ids)."""
        now = self.ctx.now().astimezone(UTC)
        stamp = self.ctx.stamp()
        description = ORDER_DESCRIPTION[quote.language].format(version=quote.label, title=deal.title)
        order_id = insert_row(tx, Order, {"customer_id": deal.customer_id, "ordered_at": now,
                                          "amount_minor": quote.gross_minor, "currency": quote.currency,
                                          "description": description[:1000]}, stamp)
        line_ids = tuple(insert_row(tx, OrderLine, {
            "order_id": order_id, "product_id": line.product_id or None, "position": n, "name": line.name,
            "unit": line.unit, "quantity_milli": line.quantity_milli, "unit_price_minor": line.unit_price_minor,
            "discount_bp": line.discount_bp, "tax_bp": line.tax_bp}, stamp) for n, line in enumerate(quote.lines))
        update_row(tx, Quote, quote.id, {"order_id": order_id}, stamp)
        return order_id, line_ids

    def undo_accept(self, accepted: Accepted) -> Changes:
        """Take an acceptance back: the order and its lines deleted, the deal back in its stage."""
        if accepted.move is not None:
            self.deals.undo_move(accepted.move)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            for line_id in accepted.line_ids:
                set_deleted(tx, OrderLine, line_id, True, stamp)
            set_deleted(tx, Order, accepted.order_id, True, stamp)
            update_row(tx, Quote, accepted.quote_id, {"order_id": None}, stamp)
        return accepted.changes


__all__ = ["Accepted", "InvalidQuote", "QuoteAccepted", "QuoteDocument", "QuoteDraft", "QuoteNotFound",
           "QuoteService"]
