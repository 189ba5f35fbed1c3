"""``ispyb-dls-adapter``: serve the common API over a DLS database, load the demo rows, write a site config.

The commands are the kit's (``site_kit.mapped.cli``); this is what is Diamond's in them.
"""

from __future__ import annotations

import ispyb.sqlalchemy as d

from ispyb_dls_adapter import demo, site_config
from ispyb_dls_adapter.app import create_app
from ispyb_dls_adapter.db import create_schema
from ispyb_dls_adapter.site import DEFAULT_SITE, SITE
from site_kit.mapped.cli import AdapterCommands, adapter_cli

app = adapter_cli(
    AdapterCommands(
        name="ispyb-dls-adapter",
        help="The ISPyB Common API over Diamond's ISPyB schema (ispyb.sqlalchemy, DLS-DB 5.2.0).",
        title="DLS adapter",
        site_label="DLS",
        default_site=DEFAULT_SITE,
        db_example="mysql://root@127.0.0.1:3306/dls_dev",
        create_app=create_app,
        load_demo=demo.load,
        load_demo_help="Create Diamond's schema from ispyb.sqlalchemy (and the adapter's own tables) "
        "and load demo rows.",
        demo_loaded="Diamond schema created and demo data loaded (proposals mx23694, mx24101).",
        person_model=d.Person,
        token_prefix=SITE.token_prefix,
        site_config=site_config.build,
        try_path="/v1/data-collections?limit=5",
        prepare_tables=create_schema,  # a fresh database gets Diamond's tables too
    )
)
