"""``CommonApiDataAdapter``: mxcubecore's ``PyISPyBDataAdapter``, method for method, over the ISPyB Common API.

The 22 public methods keep ``PyISPyBDataAdapter``'s names, arguments and return structures (mxcubecore's
``lims_session`` models, the SOAP-era dictionaries MXCuBE reads back), and its failure behaviour: a refused or
failed write is logged and answered with the value MXCuBE treats as "not stored" (0, -1, ``{}``), never raised
into a running collection. Two signatures differ between mxcubecore's SOAP and REST adapters and both are
accepted: ``create_session(proposal_or_id, beamline=None)`` (ISPyBAbstractLIMS passes a proposal id and the
beamline, PyISPyBDataAdapter a ``Proposal``) and ``find_detector`` (keywords, or PyISPyB's positional order).

Every record is written with ``PUT`` under a UUID chosen here, so a retried write never creates a second
record; a data collection keeps its UUID from ``store_data_collection`` to ``finalize_data_collection`` (MXCuBE
holds it as ``collection_id``), and its group is ``mx_collection["group_id"]``, as the SOAP adapter sets it.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from mxcubecore.model.lims_session import LimsSessionManager, Proposal, Session

from ispyb_mxcube_adapter import convert
from ispyb_mxcube_adapter.api import ApiError, CommonApi

#: namespace of the UUIDs derived here (an SSX group per data path: the same path is the same group)
NAMESPACE = uuid.UUID("5b0f3c62-8f0e-4f57-9a4d-3b8c6f1e2a10")


class CommonApiDataAdapter:
    """Reads and writes MXCuBE's LIMS records through one site of the common API, for one beamline."""

    def __init__(self, api: CommonApi, beamline_name: str, new_session_duration_days: int = 2) -> None:
        self.api = api
        self.beamline_name = beamline_name
        self.new_session_duration_days = new_session_duration_days
        self.logger = logging.getLogger("ispyb_common_api")
        self._sessions: dict[str, dict[str, Any]] = {}

    # ================================================================== users, proposals, sessions

    def get_current_user_data(self) -> dict[str, Any]:
        """``/v1/me``: the token's subject, role, proposals and beamlines."""
        return self.api.me()

    def get_proposals(self) -> list[Proposal]:
        """The proposals the token reaches (a user's memberships; every proposal for staff and services)."""
        return [self._to_proposal(p) for p in self.api.list("proposals")]

    def find_proposal(self, code: str, number: str) -> Proposal:
        """The proposal of ``code`` and ``number`` (codes compared as typed, then upper and lower case)."""
        found = self._proposal_by_code(code, number)
        if found is None:
            raise ValueError(f"No proposal {code}{number} within the token's reach")
        return self._to_proposal(found)

    def get_sessions_by_code_and_number(self, code: str, number: str, beamline: str) -> LimsSessionManager:
        proposal = self._proposal_by_code(code, number)
        if proposal is None:
            return LimsSessionManager(sessions=[])
        sessions = self.api.list("sessions", proposalUuid=proposal["uuid"], beamlineName=beamline, orderBy="startTime")
        return LimsSessionManager(sessions=[self._to_session(s, proposal) for s in sessions])

    def find_sessions_by_proposal_and_beamline_for_today(self, code: str, number: str, beamline: str) -> list[Session]:
        """Sessions of the proposal on ``beamline`` running at some time today (local day): started before its
        end and not ended before its start (``startedBefore`` + ``endedAfter``)."""
        proposal = self._proposal_by_code(code, number)
        if proposal is None:
            return []
        day = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        sessions = self.api.list(
            "sessions",
            proposalUuid=proposal["uuid"],
            beamlineName=beamline,
            startedBefore=day + timedelta(days=1),
            endedAfter=day,
            orderBy="startTime",
        )
        return [self._to_session(s, proposal) for s in sessions]

    def get_sessions_by_username(self, username: str = "", beamline_name: str = "") -> LimsSessionManager:
        """The login's sessions of today on the beamline, one per proposal it is a member of; a proposal without
        one gets a new session (PyISPyBDataAdapter's behaviour). An empty login means the token's own person."""
        beamline = beamline_name or self.beamline_name
        sessions: list[Session] = []
        for proposal in self._proposals_of_login(username):
            today = self.find_sessions_by_proposal_and_beamline_for_today(proposal.code, proposal.number, beamline)
            sessions.append(today[0] if today else self.create_session(proposal, beamline))
        return LimsSessionManager(sessions=sessions)

    def get_proposals_by_user(self, username: str) -> list[Proposal]:
        return self._proposals_of_login(username)

    def create_session(self, proposal: Proposal | str, beamline_name: str | None = None) -> Session:
        """A new session for the proposal on the beamline, from today 00:00 for ``new_session_duration_days``
        days until 07:59:59 (MXCuBE's rule), unscheduled: what ``storeOrUpdateSession`` did for MXCuBE."""
        proposal_uuid = convert.ref(proposal.proposal_id if isinstance(proposal, Proposal) else proposal) or ""
        record = self.api.get("proposals", proposal_uuid)
        if record is None:
            raise ValueError(f"No proposal {proposal_uuid} within the token's reach")
        taken = [s.get("visitNumber", 0) for s in self.api.list("sessions", proposalUuid=proposal_uuid)]
        start = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
        end = start + timedelta(days=self.new_session_duration_days, hours=7, minutes=59, seconds=59)
        body = {
            "proposalUuid": proposal_uuid,
            "visitNumber": max(taken, default=0) + 1,
            "beamlineName": beamline_name or self.beamline_name,
            "startTime": convert.instant(start),
            "endTime": convert.instant(end),
            "scheduled": False,
            "comments": "Session created by the BCM",
        }
        session = self.api.create("sessions", body)
        self._sessions[session["uuid"]] = session
        return self._to_session(session, record)

    def get_session(self, session_id: str) -> dict[str, Any]:
        """The session as ``findSession`` answered (SOAP names, local times); ``{}`` when out of reach."""
        session = self._session(session_id, fresh=True)
        if session is None:
            return {}
        return convert.session_dict(session, self.api.get("proposals", session["proposalUuid"]))

    def update_session(self, session: dict[str, Any]) -> dict[str, Any]:
        """``storeOrUpdateSession`` of an existing session: its beamline setup (SOAP ``beamLineSetupId`` or
        py-ispyb ``BeamLineSetup.beamLineSetupId``), comments, dates and scheduled flag, as given."""
        try:
            session_id = convert.ref(session.get("sessionId"))
            if session_id is None:
                raise KeyError("sessionId")
            change: dict[str, Any] = {}
            setup = convert.ref(session.get("beamLineSetupId")) or convert.ref(
                (session.get("BeamLineSetup") or {}).get("beamLineSetupId")
            )
            if setup:
                change["beamlineSetupUuid"] = setup
            for key, name in (("startDate", "startTime"), ("endDate", "endTime")):
                if session.get(key):
                    change[name] = convert.instant(session[key])
            if "comments" in session:
                change["comments"] = session["comments"]
            if "scheduled" in session and session["scheduled"] is not None:
                change["scheduled"] = bool(int(session["scheduled"]))
            updated = self.api.patch("sessions", session_id, change)
        except (ApiError, KeyError, ValueError):
            self.logger.exception("Failed to update session")
            return {}
        self._sessions[updated["uuid"]] = updated
        return convert.session_dict(updated, self.api.get("proposals", updated["proposalUuid"]))

    # ================================================================== beamline setup, detectors

    def store_beamline_setup(self, session_id: Any, bl_config: Any) -> int | None:
        """The beamline setup of ``bl_config`` (a dict or AbstractCollect's object), attached to the session."""
        session = self._session(session_id)
        if session is None:
            return None
        try:
            detector = self.find_detector(
                manufacturer=convert.attr(bl_config, "detector_manufacturer", ""),
                model=convert.attr(bl_config, "detector_model", ""),
                mode=convert.attr(bl_config, "detector_binning_mode", ""),
                type=convert.attr(bl_config, "detector_type", ""),
            )
            body = convert.beamline_setup_body(
                bl_config, session["beamlineName"], convert.ref(detector["detectorId"]) if detector else None
            )
            setup = self.api.create("beamline-setups", body)["uuid"]
        except ApiError:
            self.logger.exception("Failed to store the beamline setup")
            return None
        self.update_session({"sessionId": session["uuid"], "beamLineSetupId": setup})
        return convert.mx_id(setup)

    def find_detector(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        """The first detector of manufacturer, model and mode (and type, when given), as a Detector3VO dict.

        Positional arguments follow PyISPyBDataAdapter (manufacturer, model, mode, type). The manufacturer is
        compared without case (ISPyBValueFactory upper-cases it; sites store it as the vendor writes it).
        """
        names = ("manufacturer", "model", "mode", "type")
        given = {**dict(zip(names, args, strict=False)), **kwargs}
        manufacturer, model = str(given.get("manufacturer") or ""), str(given.get("model") or "")
        mode, kind = str(given.get("mode") or ""), str(given.get("type") or "")
        if not manufacturer and not model:
            return None  # a beamline that configures no detector names none
        try:
            candidates = self.api.list(
                "detectors", model=model or None, detectorMode=mode or None, detectorType=kind or None
            )
            for detector in candidates:
                if not manufacturer or str(detector.get("manufacturer", "")).lower() == manufacturer.lower():
                    return convert.detector_dict(detector)
        except ApiError:
            self.logger.exception("Exception in find_detector")
        return None

    # ================================================================== data collections

    def store_data_collection(self, mx_collection: dict[str, Any], bl_config: Any = None) -> tuple[int, int]:
        """The group (``group_id``, set in ``mx_collection``) and the collection; the beamline setup and the
        detector when ``bl_config`` is given. Answers (collection id, detector id or 0)."""
        detector = 0
        if bl_config:
            self.store_beamline_setup(mx_collection["sessionId"], bl_config)
            found = self.find_detector(
                convert.attr(bl_config, "detector_manufacturer", ""),
                convert.attr(bl_config, "detector_model", ""),
                convert.attr(bl_config, "detector_binning_mode", ""),
                convert.attr(bl_config, "detector_type", ""),
            )
            detector = found["detectorId"] if found else 0
        collection = convert.ref(mx_collection.get("collection_id")) or str(uuid.uuid4())
        self._write_collection(mx_collection, collection, convert.ref(detector))
        return convert.mx_id(collection) or 0, detector

    def update_data_collection(self, mx_collection: dict[str, Any]) -> tuple[int, int]:
        """The collection (and its group) again, under the ``collection_id`` store_data_collection gave it."""
        collection = convert.ref(mx_collection.get("collection_id"))
        if collection is None:
            self.logger.error("update_data_collection: collection_id missing, the data collection is not updated")
            return 0, 0
        try:
            group = self._write_collection(mx_collection, collection, None)
        except ApiError:
            self.logger.exception("Error in update_data_collection")
            return 0, 0
        return convert.mx_id(collection) or 0, convert.mx_id(group) or 0

    def finalize_data_collection(self, mx_collection: dict[str, Any]) -> tuple[int, int]:
        """The last update: the collection ends now unless MXCuBE gave its end."""
        mx_collection.setdefault("collection_end_time", datetime.now().strftime(convert.MXCUBE_TIME))
        return self.update_data_collection(mx_collection)

    def get_data_collection(self, data_collection_id: Any) -> dict[str, Any]:
        dc = self.api.get("data-collections", convert.ref(data_collection_id) or "")
        return convert.collection_dict(dc) if dc else {}

    def store_image(self, image_dict: dict[str, Any]) -> int:
        """An image of a collection (``beamline-events``): 0 when not stored (unserved class, refusal)."""
        collection = convert.ref(image_dict.get("dataCollectionId"))
        if collection is None:
            self.logger.error("store_image: dataCollectionId missing, the image is not stored")
            return 0
        try:
            dc = self.api.get("data-collections", collection)
            if dc is None:
                return 0
            return convert.mx_id(self.api.create("images", convert.image_body(image_dict, dc))["uuid"]) or 0
        except ApiError:
            self.logger.exception("Exception in store_image")
            return 0

    # ================================================================== samples and events

    def get_samples(self, proposal_id: Any) -> list[dict[str, Any]]:
        """The proposal's samples in its containers at this beamline (``beamlineLocation``), as MXCuBE reads them."""
        samples: list[dict[str, Any]] = []
        try:
            for container in self.api.list(
                "containers", proposalUuid=convert.ref(proposal_id) or "", beamlineLocation=self.beamline_name
            ):
                in_container = self.api.list("samples", containerUuid=container["uuid"])
                for sample in sorted(in_container, key=lambda s: (s.get("location") is None, s.get("location"))):
                    crystal = self.api.get("crystals", sample["crystalUuid"]) or {}
                    protein = self.api.get("proteins", crystal.get("proteinUuid", "")) or {}
                    samples.append(convert.sample_dict(sample, container, crystal, protein))
        except ApiError:
            self.logger.exception("Error in get_samples")
            return []
        return samples

    def update_bl_sample(self, bl_sample: dict[str, Any]) -> dict[str, Any]:
        """``storeOrUpdateBLSample``: the sample as MXCuBE sends it back. Only what differs is patched, so
        MXCuBE's usual call (the dictionary get_samples gave it) writes nothing and succeeds with any token."""
        sample_id = convert.ref(bl_sample.get("blSampleId", bl_sample.get("sampleId")))
        if sample_id is None:
            self.logger.error("Missing blSampleId")
            return {}
        try:
            current = self.api.get("samples", sample_id)
            if current is None:
                return {}
            change = convert.sample_change(bl_sample, current)
            return self.api.patch("samples", sample_id, change) if change else current
        except ApiError:
            self.logger.exception("Failed to update the sample")
            return {}

    def store_robot_action(self, robot_action: dict[str, Any]) -> int:
        """A sample changer action (``beamline-events``): its id, 0 when not stored."""
        session = self._session(robot_action.get("sessionId"))
        if session is None:
            self.logger.error("store_robot_action: no session %s within reach", robot_action.get("sessionId"))
            return 0
        try:
            action = self.api.create("robot-actions", convert.robot_action_body(robot_action, session))
            return convert.mx_id(action["uuid"]) or 0
        except ApiError:
            self.logger.exception("Exception in store_robot_action")
            return 0

    def store_energy_scan(self, energyscan: dict[str, Any]) -> dict[str, int]:
        session = self._session(energyscan.get("sessionId"))
        try:
            if session is None:
                raise ApiError(404, {"detail": f"no session {energyscan.get('sessionId')} within reach"})
            scan = self.api.create("energy-scans", convert.energy_scan_body(energyscan, session))
        except ApiError:
            self.logger.exception("Failed to store energy scan")
            return {"energyScanId": -1}
        return {"energyScanId": convert.mx_id(scan["uuid"]) or -1}

    def associate_bl_sample_and_energy_scan(self, entry_dict: dict[str, Any]) -> int:
        """``storeBLSampleHasEnergyScan``: the energy scan names its sample. Answers the scan's id, -1 on failure."""
        scan, sample = convert.ref(entry_dict.get("energyScanId")), convert.ref(entry_dict.get("blSampleId"))
        if scan is None or sample is None:
            return -1
        try:
            return convert.mx_id(self.api.patch("energy-scans", scan, {"sampleUuid": sample})["uuid"]) or -1
        except ApiError:
            self.logger.exception("Failed to associate the sample and the energy scan")
            return -1

    def store_xfe_spectrum(self, xfe_spectrum: dict[str, Any]) -> dict[str, int]:
        session = self._session(xfe_spectrum.get("sessionId"))
        try:
            if session is None:
                raise ApiError(404, {"detail": f"no session {xfe_spectrum.get('sessionId')} within reach"})
            spectrum = self.api.create("xrf-spectra", convert.xrf_body(xfe_spectrum, session))
        except ApiError:
            self.logger.exception("Failed to store XRF spectrum")
            return {"xfeFluorescenceSpectrumId": -1}
        return {"xfeFluorescenceSpectrumId": convert.mx_id(spectrum["uuid"]) or -1}

    # ================================================================== what the LIMS object adds

    def store_workflow(self, workflow: dict[str, Any], session_id: Any) -> int | None:
        """A workflow (``beamline-events``) of the session; its id, or None when not stored."""
        session = self._session(session_id)
        if session is None:
            return None
        body = {
            "sessionUuid": session["uuid"],
            "proposalUuid": session["proposalUuid"],
            "beamlineName": session["beamlineName"],
            "workflowType": workflow.get("workflow_type") or "MeshScan",
            "workflowTitle": workflow.get("title") or None,
            "status": convert.workflow_status(workflow.get("status")),
            "comments": workflow.get("comments") or None,
            "logFilePath": workflow.get("log_file_path") or None,
            "startTime": convert.instant(datetime.now()),
        }
        record = convert.ref(workflow.get("workflow_id")) or str(uuid.uuid4())
        return convert.mx_id(self.api.put("workflows", record, body)["uuid"])

    def store_ssx_collection(
        self, session_id: Any, data_path: str, parameters: Any, beamline: Any, lims_values: Any
    ) -> tuple[int, int]:
        """An SSX collection (``create_ssx_collection``): one group per data path, one collection with the SSX
        technique parameters. Answers (group id, collection id)."""
        session = self._session(session_id)
        if session is None:
            raise ApiError(404, {"detail": f"no session {session_id} within reach"})
        kind = str(getattr(lims_values, "experiment_type", "") or "ssx_chip_collection")
        group = str(uuid.uuid5(NAMESPACE, f"{session['uuid']}:{data_path}"))
        start, end = convert.instant(lims_values.start_time), convert.instant(lims_values.end_time)
        self.api.put(
            "data-collection-groups",
            group,
            {
                "sessionUuid": session["uuid"],
                "proposalUuid": session["proposalUuid"],
                "beamlineName": session["beamlineName"],
                "experimentType": convert.experiment_type(kind),
                "startTime": start,
                "endTime": end,
            },
        )
        user = getattr(parameters, "user_collection_parameters", None)
        technique = {
            "technique": "SSX",
            "deliveryMethod": "JET" if convert.experiment_type(kind) == "SSX_JET" else "CHIP",
            "chipModel": getattr(lims_values, "chip_model", None) or None,
            "repetitionRate": convert.number(getattr(user, "frequency", None)),
        }
        collection = self.api.create(
            "data-collections",
            {
                "dataCollectionGroupUuid": group,
                "runStatus": "SUCCESSFUL",
                "startTime": start,
                "endTime": end,
                "exposureTime": convert.number(getattr(user, "exp_time", None)),
                "numberOfImages": convert.integer(parameters.collection_parameters.num_images),
                "numberOfPasses": 1,
                "imageDirectory": data_path,
                "imagePrefix": parameters.path_parameters.prefix,
                "wavelength": convert.number(beamline.wavelength),
                "resolution": convert.number(beamline.resolution),
                "detectorDistance": convert.number(beamline.detector_distance),
                "xBeam": convert.number(beamline.beam_x),
                "yBeam": convert.number(beamline.beam_y),
                "beamSizeAtSampleX": convert.number(beamline.beam_size_x),
                "beamSizeAtSampleY": convert.number(beamline.beam_size_y),
                "transmission": convert.number(beamline.transmission),
                "flux": convert.number(lims_values.flux_start),
                "techniqueParameters": {k: v for k, v in technique.items() if v is not None},
            },
        )
        return convert.mx_id(group) or 0, convert.mx_id(collection["uuid"]) or 0

    # ================================================================== what ISPyBAbstractLIMS calls privately

    def _update_data_collection(self, mx_collection: dict[str, Any]) -> tuple[int, int]:
        return self.update_data_collection(mx_collection)

    def _store_data_collection_group(self, group_data: dict[str, Any]) -> int:
        """``storeOrUpdateDataCollectionGroup`` of an MXCuBE collection dictionary: the group's id."""
        session = self._session(group_data.get("sessionId"))
        if session is None:
            raise ApiError(404, {"detail": f"no session {group_data.get('sessionId')} within reach"})
        group = convert.ref(group_data.get("group_id")) or str(uuid.uuid4())
        self.api.put("data-collection-groups", group, convert.group_body(group_data, session))
        group_data["group_id"] = convert.mx_id(group)
        return convert.mx_id(group) or 0

    # ================================================================== internals

    def _write_collection(self, mx_collection: dict[str, Any], collection: str, detector: str | None) -> str:
        """PUT the group (``group_id``, new when absent) and the collection; a mesh also gets its grid."""
        session = self._session(mx_collection.get("sessionId"))
        if session is None:
            raise ApiError(404, {"detail": f"no session {mx_collection.get('sessionId')} within reach"})
        group = convert.ref(mx_collection.get("group_id")) or str(uuid.uuid4())
        group_body = convert.group_body(mx_collection, session)
        if mx_collection.get("collection_end_time"):
            group_body["endTime"] = convert.instant(mx_collection["collection_end_time"])
        self.api.put("data-collection-groups", group, group_body)
        mx_collection["group_id"] = convert.mx_id(group)
        self.api.put("data-collections", collection, convert.collection_body(mx_collection, group, detector))
        grid = convert.grid_body(mx_collection, group, collection) if group_body["experimentType"] == "MESH" else None
        if grid is not None:
            grid_uuid = str(uuid.uuid5(NAMESPACE, f"grid:{collection}"))
            self.api.put("grid-scans", grid_uuid, grid)
        return group

    def _session(self, session_id: Any, fresh: bool = False) -> dict[str, Any] | None:
        key = convert.ref(session_id)
        if key is None:
            return None
        if fresh or key not in self._sessions:
            found = self.api.get("sessions", key)
            if found is None:
                return None
            self._sessions[key] = found
        return self._sessions[key]

    def _proposal_by_code(self, code: str, number: str) -> dict[str, Any] | None:
        for variant in dict.fromkeys((code, code.upper(), code.lower())):
            found = self.api.first("proposals", proposalCode=variant, proposalNumber=str(number))
            if found is not None:
                return found
        return None

    def _proposals_of_login(self, username: str) -> list[Proposal]:
        """The proposals a login is a member of; the token's own person (``/v1/me``) when no login is given."""
        persons: list[str] = []
        if username:
            persons = [p["uuid"] for p in self.api.list("persons", login=username)]
        else:
            me = self.api.me()
            if me.get("personUuid"):
                persons = [me["personUuid"]]
            elif me.get("role") == "USER":
                return [self._to_proposal(p) for p in self.api.list("proposals")]
        uuids = dict.fromkeys(
            m["proposalUuid"] for person in persons for m in self.api.list("proposal-members", personUuid=person)
        )
        proposals = [self.api.get("proposals", u) for u in uuids]
        return [self._to_proposal(p) for p in proposals if p is not None]

    def _to_proposal(self, proposal: dict[str, Any]) -> Proposal:
        return Proposal(
            proposal_id=str(convert.mx_id(proposal["uuid"])),
            person_id=str(convert.mx_id(proposal.get("principalInvestigatorUuid")) or ""),
            type=proposal.get("proposalType") or "",
            code=proposal.get("proposalCode") or "",
            number=proposal.get("proposalNumber") or "",
            title=proposal.get("title") or "",
        )

    def _to_session(self, session: dict[str, Any], proposal: dict[str, Any]) -> Session:
        self._sessions[session["uuid"]] = session
        start, end = convert.local(session.get("startTime")), convert.local(session.get("endTime"))
        now = datetime.now()
        code, number = proposal.get("proposalCode") or "", proposal.get("proposalNumber") or ""
        values: dict[str, Any] = {
            "session_id": str(convert.mx_id(session["uuid"])),
            "beamline_name": session.get("beamlineName") or "",
            "code": code,
            "number": number,
            "proposal_id": str(convert.mx_id(proposal["uuid"])),
            "proposal_name": proposal.get("name") or f"{code}{number}",
            "title": proposal.get("title") or "",
            "comments": session.get("comments") or "",
            "scheduled": str(bool(session.get("scheduled"))),
            "is_scheduled_beamline": session.get("beamlineName") == self.beamline_name,
            "is_scheduled_time": bool(start and end and start <= now <= end),
        }
        if start:
            values.update(start_datetime=start, start_date=start.strftime("%Y%m%d"), start_time=f"{start:%H:%M:%S}")
        if end:
            values.update(end_datetime=end, end_date=end.strftime("%Y%m%d"), end_time=f"{end:%H:%M:%S}")
        return Session(**values)
