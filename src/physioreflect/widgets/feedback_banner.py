"""The banner above every step of a reviewed workbook: returned for revision or approved, by
whom and when, the overall feedback, the rubric and the learning judgement in short, and how
many comments are still open. What it says comes from the controller
(:class:`physioreflect.app.ReceivedReview`); everything the supervisor typed is escaped."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from physioreflect.app import ReceivedReview
from physioreflect.render import paragraphs

__all__ = ["FeedbackBanner", "feedback_html"]

Text = Callable[..., str]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _byline(review: ReceivedReview, t: Text) -> str:
    if review.reviewer and review.reviewed:
        return t("feedback.by_on", reviewer=review.reviewer, date=review.reviewed)
    if review.reviewer:
        return t("feedback.by", reviewer=review.reviewer)
    if review.reviewed:
        return t("feedback.on", date=review.reviewed)
    return ""


def feedback_html(review: ReceivedReview, t: Text) -> str:
    """The banner's markup in the language of ``t`` (a catalog lookup)."""
    outcome = review.outcome.value
    facts = [
        _byline(review, t),
        t("feedback.open_comments", open=review.open_comments, total=review.comments)
        if review.comments
        else t("feedback.no_comments"),
    ]
    facts_html = " · ".join(
        f"<span class='pr-review-{name}'>{_e(text)}</span>"
        for name, text in zip(("byline", "open"), facts, strict=True)
        if text
    )
    rtl = " dir='rtl'"
    feedback = "".join(
        f"<p{rtl if p['rtl'] else ''}>{_e(p['text'])}</p>" for p in paragraphs(review.feedback)
    )
    feedback_html = (
        "<details class='pr-review-feedback' open>"
        f"<summary>{_e(t('field.overall_feedback'))}</summary>{feedback}</details>"
        if feedback
        else ""
    )
    # In short: "criterion 3/4", the level's name on hover (and for screen readers).
    top = review.top_level
    scores = "".join(
        f"<span class='pr-review-score' title='{_e(line.level_label)}'>"
        f"{_e(t('feedback.level', criterion=line.criterion, level=line.level, top=top))}"
        f"<span class='pr-visually-hidden'> ({_e(line.level_label)})</span></span>"
        for line in review.rubric
    )
    rubric_html = (
        f"<div class='pr-review-rubric'><b>{_e(t('field.rubric'))}:</b> {scores}</div>"
        if scores
        else ""
    )
    if review.learning:
        rubric_html += (
            f"<div class='pr-review-learning'><b>{_e(t('export.rubric.learning_kind'))}:</b> "
            f"{_e(review.learning)}</div>"
        )
    return (
        f"<div class='pr-review-box pr-review-{outcome}' role='region' "
        f"aria-label='{_e(t('field.review'))}'>"
        f"<div class='pr-review-heading'>{_e(t(f'feedback.heading.{outcome}'))}</div>"
        f"<p class='pr-review-lead'>{_e(t(f'feedback.lead.{outcome}', decision=review.decision))}"
        f"</p><div class='pr-review-facts'>{facts_html}</div>{feedback_html}{rubric_html}</div>"
    )


class FeedbackBanner:
    """One widget for the whole tab, updated in place; hidden while there is no review."""

    def __init__(self) -> None:
        # Its own layout (not the shared one): it is shown and hidden.
        self.widget = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.widget.add_class("pr-review-banner")

    def show(self, review: ReceivedReview | None, t: Text) -> None:
        markup = "" if review is None else feedback_html(review, t)
        if self.widget.value != markup:
            self.widget.value = markup
        display = "none" if review is None else ""
        if self.widget.layout.display != display:
            self.widget.layout.display = display
