"""Queries of db/customers.py that the customer service and the duplicate merge share."""

from crm_desktop.db import customers as q
from crm_desktop.db.sync import stable_id
from crm_desktop.domain.models import CustomerInput


def test_tag_links_lists_every_link_ever_made_with_its_tag(db, customers):
    """tag_links gives live and tombstoned links alike, each with its link id, tag id and tag name, by name."""
    cid = customers.create(CustomerInput(name="张伟", tags=["VIP", "展会"])).id
    customers.update(cid, CustomerInput(name="张伟", tags=["展会"]))
    with db.reading() as tx:
        links = q.tag_links(tx, cid)
    assert [(link.name, link.deleted is None) for link in links] == [("VIP", False), ("展会", True)]
    vip = links[0]
    assert vip.tag_id == stable_id("tag", "VIP") and vip.link_id == stable_id("customer_tag", cid, vip.tag_id)
