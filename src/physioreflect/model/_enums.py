"""Closed vocabularies of the workbook format.

Their values are written into workbook files, so they never change meaning; a new value is a
schema change with a migration.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AgeBand",
    "ComB",
    "Condition",
    "Decision",
    "DurationBand",
    "Intensity",
    "Language",
    "LearningJudgement",
    "Marker",
    "PainRuleModel",
    "PromptGroup",
    "Role",
    "Section",
    "Source",
    "Status",
    "Theme",
]


class Language(StrEnum):
    nb = "nb"
    en = "en"


class Role(StrEnum):
    student = "student"
    clinician = "clinician"


class Status(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"


class Condition(StrEnum):
    osteoarthritis_hip = "osteoarthritis_hip"
    osteoarthritis_knee = "osteoarthritis_knee"
    shoulder_pain = "shoulder_pain"
    fibromyalgia = "fibromyalgia"
    low_back_pain_acute = "low_back_pain_acute"
    low_back_pain_chronic = "low_back_pain_chronic"
    neck_pain = "neck_pain"
    other = "other"


class DurationBand(StrEnum):
    under_6_weeks = "under_6_weeks"
    weeks_6_to_12 = "weeks_6_to_12"
    months_3_to_12 = "months_3_to_12"
    years_1_to_5 = "years_1_to_5"
    over_5_years = "over_5_years"


class AgeBand(StrEnum):
    """Ten-year bands: a workbook never holds an exact age or a birth date."""

    age_18_29 = "18-29"
    age_30_39 = "30-39"
    age_40_49 = "40-49"
    age_50_59 = "50-59"
    age_60_69 = "60-69"
    age_70_79 = "70-79"
    age_80_plus = "80+"


class Marker(StrEnum):
    """Where an answer about the patient comes from."""

    patient_said = "patient_said"
    my_assumption = "my_assumption"
    ask_next_time = "ask_next_time"


class PromptGroup(StrEnum):
    patient_inside = "patient_inside"
    myself_outside = "myself_outside"
    context = "context"


class Theme(StrEnum):
    """Themes of barriers and facilitators (Boutevillain et al. 2017)."""

    physical = "physical"
    psychological = "psychological"
    socio_environmental = "socio_environmental"


class ComB(StrEnum):
    """The six components of the COM-B model (Michie, van Stralen, West 2011)."""

    physical_capability = "physical_capability"
    psychological_capability = "psychological_capability"
    physical_opportunity = "physical_opportunity"
    social_opportunity = "social_opportunity"
    reflective_motivation = "reflective_motivation"
    automatic_motivation = "automatic_motivation"


class Source(StrEnum):
    patient_reported = "patient_reported"
    therapist_inferred = "therapist_inferred"


class Intensity(StrEnum):
    light = "light"
    moderate = "moderate"
    vigorous = "vigorous"


class PainRuleModel(StrEnum):
    """How pain guides the load: the pain-monitoring model (Thomeé 1997; Silbernagel et al.
    2007), graded activity from a baseline (pacing), or a rule of the student's own."""

    pain_monitoring_model = "pain_monitoring_model"
    graded_activity = "graded_activity"
    custom = "custom"


class LearningJudgement(StrEnum):
    """REFLECT's separate judgement of learning (Wald et al. 2012), not a 1–4 score."""

    transformative = "transformative"
    confirmatory = "confirmatory"


class Decision(StrEnum):
    returned = "returned"
    approved = "approved"


class Section(StrEnum):
    """The workbook's sections, in reading order."""

    meta = "meta"
    case = "case"
    perspective = "perspective"
    barriers = "barriers"
    facilitators = "facilitators"
    plan = "plan"
    reflection = "reflection"
