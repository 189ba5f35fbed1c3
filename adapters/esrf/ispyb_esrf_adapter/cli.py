"""``ispyb-esrf-adapter``: serve the common API over an ESRF database, load the demo rows, write a site config.

The commands are the kit's (``site_kit.mapped.cli``); this is what is the ESRF's in them.
"""

from __future__ import annotations

import ispyb.models as e

from ispyb_esrf_adapter import demo, site_config
from ispyb_esrf_adapter.site import DEFAULT_SITE, create_esrf_app
from site_kit.mapped.cli import AdapterCommands, adapter_cli

app = adapter_cli(
    AdapterCommands(
        name="ispyb-esrf-adapter",
        help="The ISPyB Common API over ESRF's ISPyB schema (ispyb-models 1.1.0, ispyb-database 1.1.0).",
        title="ESRF adapter",
        site_label="ESRF",
        default_site=DEFAULT_SITE,
        db_example="mysql://root@127.0.0.1:3306/esrf_dev",
        create_app=create_esrf_app,
        load_demo=demo.load,
        load_demo_help="Create ESRF's schema from ispyb.models (views left out; and the adapter's tables) "
        "and load demo rows.",
        demo_loaded="ESRF schema created and demo data loaded (proposals mx2532, mx2601, ih1001).",
        person_model=e.Person,
        token_prefix="esrf_",
        site_config=site_config.build,
        try_path="/v1/workflows?limit=5",
    )
)
