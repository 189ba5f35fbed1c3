"""``CommonApiLims``: the LIMS hardware object a beamline configures to use the ISPyB Common API.

It is mxcubecore's proposal-login ISPyB LIMS (``ProposalTypeISPyBLims``, itself an ``ISPyBAbstractLIMS``) with
one change of substance, ``_create_data_adapter()``: the adapter is ``CommonApiDataAdapter`` over HTTP instead
of the SOAP one. Its properties, beside ISPyBAbstractLIMS' own:

* ``base_url`` — the site's common API root (``https://ispyb.example.org/api``);
* ``token`` — the beamline's SERVICE bearer token, or ``token_env``: the environment variable holding it
  (default ``ISPYB_COMMON_API_TOKEN``), so the token stays out of the configuration repository;
* ``beamline`` — the beamline name the site knows (default: the session object's ``beamline_name``);
* ``login_type`` — ``proposal`` (log in as a proposal, MXCuBE's default) or ``user`` (log in as a person: their
  proposals' sessions of today);
* ``authServerType`` — ``ldap`` (the ``ldapServer`` role checks the password, as in mxcubecore) or ``none``
  (MXCuBE's own Authenticator already did);
* ``new_session_duration_days`` (2) and ``timeout`` (10 s).

What ISPyBAbstractLIMS leaves to a subclass or sends to ICAT is done here over the API: ``echo`` (``/health``),
``get_data_collection`` (the base class passes itself as the id), ``store_workflow`` and
``create_ssx_collection`` (an SSX queue entry's ``finalize_data_collection`` too).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from mxcubecore import HardwareRepository as HWR
from mxcubecore.HardwareObjects.abstract.AbstractLims import LimsMetadataUploadError
from mxcubecore.HardwareObjects.ProposalTypeISPyBLims import ProposalTypeISPyBLims
from mxcubecore.model.lims_session import Lims, LimsSessionManager

from ispyb_mxcube_adapter.api import ApiError, CommonApi
from ispyb_mxcube_adapter.data_adapter import CommonApiDataAdapter


class CommonApiLims(ProposalTypeISPyBLims):
    """MXCuBE's ISPyB LIMS whose data adapter speaks the ISPyB Common API."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.api: CommonApi | None = None
        self.login_type = "proposal"

    # ------------------------------------------------------------------ configuration

    def _create_data_adapter(self) -> CommonApiDataAdapter:  # type: ignore[override]
        """Called by ISPyBAbstractLIMS.init(): the adapter from this object's properties."""
        base_url = self.get_property("base_url") or self.get_property("ws_root")
        token = self.get_property("token") or os.environ.get(
            str(self.get_property("token_env") or "ISPYB_COMMON_API_TOKEN"), ""
        )
        if not base_url or not token:
            raise ValueError(f"{self.id}: base_url and token (or token_env) are required")
        configured: str = str(self.get_property("beamline") or "")
        self.beamline_name = configured or str(HWR.beamline.session.beamline_name)
        self.login_type = str(self.get_property("login_type") or "proposal")
        days = int(self.get_property("new_session_duration_days", 2))
        self.api = CommonApi(str(base_url), str(token), timeout=float(self.get_property("timeout", 10.0)))
        return CommonApiDataAdapter(self.api, self.beamline_name, days)

    def get_lims_name(self) -> list[Lims]:
        return [Lims(name="ISPyB", description="ISPyB Common API")]

    def echo(self) -> bool:
        return self.api is not None and self.api.healthy()

    # ------------------------------------------------------------------ login

    def is_user_login_type(self) -> bool:
        return self.login_type == "user"

    def get_user_name(self) -> str:
        return str(self.user_name) if self.is_user_login_type() else str(super().get_user_name())

    def _authenticate(self, user_name: str, psd: str) -> None:
        """The password check is the site's: LDAP as in mxcubecore, or none when MXCuBE's Authenticator did it."""
        if str(self.authServerType).lower() in ("none", "authenticator"):
            return
        super()._authenticate(user_name, psd)

    def login(self, login_id: str, password: str, is_local_host: bool = False) -> LimsSessionManager:
        if not self.is_user_login_type():
            manager = super().login(login_id, password, is_local_host)
            self.login_ok = True
            return manager
        self._authenticate(login_id, password)
        self.user_name = login_id
        self.session_manager = self.adapter.get_sessions_by_username(login_id, self.beamline_name)
        if self.session_manager.sessions:
            self.session_manager.active_session = self.session_manager.sessions[0]
        self.login_ok = True
        return self.session_manager

    def get_session_manager_by_code_number(self, code: str, number: str, is_local_host: bool) -> LimsSessionManager:
        """The proposal's sessions of today on this beamline; a new one when there is none and MXCuBE runs at
        the beamline (``is_local_host``), as ProposalTypeISPyBLims does with all of its sessions."""
        sessions = self.adapter.find_sessions_by_proposal_and_beamline_for_today(code, number, self.beamline_name)
        if not sessions and is_local_host:
            proposal = self.adapter.find_proposal(code, number)
            sessions = [self.adapter.create_session(proposal, self.beamline_name)]
        self.session_manager = LimsSessionManager(sessions=sessions)
        if sessions:
            self.set_active_session_by_id(code + number)
        return self.session_manager

    def get_proposals_by_user(self, login_id: str) -> list[dict[str, Any]]:
        return [{"Proposal": p.model_dump()} for p in self.adapter.get_proposals_by_user(login_id)]

    # ------------------------------------------------------------------ what the base class does not

    def get_data_collection(self, data_collection_id: str) -> dict[str, Any]:
        return dict(self.adapter.get_data_collection(data_collection_id))

    def finalize_data_collection(self, mx_collection: dict[str, Any]) -> Any:
        """The last write of a collection; an SSX queue entry's parameters become ``create_ssx_collection``."""
        try:
            if "extra_lims_values" in mx_collection:
                return self.create_ssx_collection(
                    mx_collection["data_path"],
                    mx_collection["collection_parameters"],
                    mx_collection["beamline_parameters"],
                    mx_collection["extra_lims_values"],
                )
            return self.adapter.finalize_data_collection(mx_collection)
        except Exception as exc:
            raise LimsMetadataUploadError(str(exc)) from exc

    def _store_workflow(self, workflow_dict: dict[str, Any]) -> tuple[Any, Any, Any]:
        """ISPyBAbstractLIMS.store_workflow's worker: (workflow id, workflow mesh id, grid info id)."""
        workflow = self.adapter.store_workflow(workflow_dict, self.get_session_id())
        return workflow, None, None

    def create_ssx_collection(
        self, data_path: str, collection_parameters: Any, beamline_parameters: Any, extra_lims_values: Any
    ) -> tuple[str, str] | None:
        try:
            return self.adapter.store_ssx_collection(
                self.get_session_id(), data_path, collection_parameters, beamline_parameters, extra_lims_values
            )
        except ApiError:
            logging.getLogger("ispyb_common_api").exception("Could not store the SSX collection")
            return None
