"""Reads the demo shop through a typed client generated from the server's OpenAPI document.

Generate the client first (see docs/api.md, "Typed clients"):

    openapi-python-client generate --url http://127.0.0.1:5150/api/openapi.json \
        --meta none --output-path rustok_client

then run, with the generated package importable:

    python catalogue.py http://127.0.0.1:5150 admin@demo.local <password>

It signs in, lists the first published products, reads the first one again by id, and shows
that an unknown id comes back as a typed problem with its `code`.
"""

import sys
import uuid

from rustok_client import AuthenticatedClient, Client
from rustok_client.api.auth import login
from rustok_client.api.commerce import get_product, list_products
from rustok_client.models import ListProductsStatus, LoginInput


def main(base_url: str, email: str, password: str) -> None:
    anonymous = Client(base_url=base_url)
    session = login.sync(client=anonymous, body=LoginInput(email=email, password=password))
    if session is None or not hasattr(session, "access_token"):
        raise SystemExit(f"sign-in failed: {session!r}")
    client = AuthenticatedClient(base_url=base_url, token=session.access_token)

    page = list_products.sync(client=client, status=ListProductsStatus.PUBLISHED, limit=5)
    if page is None or not hasattr(page, "items"):
        raise SystemExit(f"listing failed: {page!r}")
    if not page.items:
        raise SystemExit("the demo shop has no published products")
    for product in page.items:
        print(f"{product.handle}: {product.title}")

    first = page.items[0]
    again = get_product.sync(client=client, id=str(first.id))
    if getattr(again, "id", None) != first.id:
        raise SystemExit(f"reading {first.id} again failed: {again!r}")

    missing = get_product.sync_detailed(client=client, id=str(uuid.uuid4()))
    problem = missing.parsed
    if missing.status_code != 404 or getattr(problem, "code", None) is None:
        raise SystemExit(f"an unknown id should be a typed 404 problem: {missing!r}")
    print(f"unknown id: {missing.status_code} {problem.code.value}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit("usage: catalogue.py BASE_URL EMAIL PASSWORD")
    main(*sys.argv[1:])
