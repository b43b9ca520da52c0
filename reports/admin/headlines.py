"""The headline workbench: compare a report's headline options side by side, discuss and choose.

Thin views: forms validate input, reports.headlines changes state and checks permission again.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from reports import diffing, headline_metrics, headlines, roles
from reports.errors import GovreportError, HeadlineRefused, NotPermitted
from reports.models import HeadlineComment, HeadlineOption, HeadlineVote, Report

TEMPLATES = "admin/reports/report/headlines/"


class OptionForm(forms.Form):
    text = forms.CharField(
        label="Headline",
        max_length=headlines.TEXT_MAX,
        help_text="As readers would see it. 65 characters or fewer; put the most important "
        "words first.",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why this option: its angle, its audience.",
    )


class CommentForm(forms.Form):
    text = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 2}))


class ChooseForm(forms.Form):
    reason = forms.CharField(
        label="Why this headline? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the report's history with your name.",
    )


def urls(model_admin):
    """Return the workbench's URL patterns, named admin:reports_report_headlines[_action]."""
    wrap = model_admin.admin_site.admin_view
    name = "reports_report_headlines"

    def view(func):
        return wrap(lambda request, *args, **kwargs: func(request, model_admin, *args, **kwargs))

    option = "<int:object_id>/headlines/<int:option_id>"
    return [
        path("<int:object_id>/headlines/", view(workbench), name=name),
        path("<int:object_id>/headlines/add/", view(add), name=f"{name}_add"),
        path(f"{option}/edit/", view(edit), name=f"{name}_edit"),
        path(f"{option}/move/", view(move), name=f"{name}_move"),
        path(f"{option}/retire/", view(retire), name=f"{name}_retire"),
        path(f"{option}/restore/", view(restore), name=f"{name}_restore"),
        path(f"{option}/comment/", view(comment), name=f"{name}_comment"),
        path(f"{option}/vote/", view(vote), name=f"{name}_vote"),
        path(f"{option}/unvote/", view(unvote), name=f"{name}_unvote"),
        path(f"{option}/choose/", view(choose), name=f"{name}_choose"),
        path(f"{option}/prefer/", view(prefer), name=f"{name}_prefer"),
    ]


def _report(model_admin, request, object_id):
    report = get_object_or_404(Report, pk=object_id)
    if not model_admin.has_view_permission(request, report):
        raise PermissionDenied
    return report


def _option(report, option_id):
    return get_object_or_404(HeadlineOption, pk=option_id, report=report)


def _back(report, option=None):
    url = reverse("admin:reports_report_headlines", args=[report.pk])
    return redirect(f"{url}#option-{option.pk}" if option else url)


def _refused(model_admin, request, report, error):
    """Explain a refusal on its own page, with status 403."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "You cannot do that",
        "report": report,
        "opts": Report._meta,
        "message": str(error),
    }
    return TemplateResponse(request, TEMPLATES + "refused.html", context, status=403)


def _act(model_admin, request, report, action, *, success, option=None):
    """Run a state change; show refusals as a message, or as a 403 when it is not permitted."""
    try:
        action()
    except NotPermitted as error:
        return _refused(model_admin, request, report, error)
    except GovreportError as error:  # a refused change, or a report frozen while scheduled
        messages.error(request, str(error))
        return _back(report, option)
    messages.success(request, success)
    return _back(report, option)


def _voter(user):
    return user.get_full_name() or user.get_username()


def _cards(report, request, comment_forms):
    options = report.headline_options.current().prefetch_related(
        Prefetch("votes", HeadlineVote.objects.select_related("user")),
        Prefetch("comments", HeadlineComment.objects.select_related("author")),
    )
    options = list(options.select_related("author", "chosen_by"))
    titles = headlines.titles_in_use(report)
    url = request.build_absolute_uri(report.get_absolute_url())
    cards = []
    for number, option in enumerate(options, start=1):
        voters = [vote.user for vote in option.votes.all()]
        cards.append(
            {
                "number": number,
                "option": option,
                "metrics": headline_metrics.measure(
                    option.text, summary=report.summary, url=url, other_titles=titles
                ),
                "voters": [_voter(user) for user in voters],
                "voted": request.user in voters,
                "comments": option.comments.all(),
                "comment_form": comment_forms.get(option.pk)
                or CommentForm(auto_id=f"id_comment_{option.pk}_%s"),
                "first": number == 1,
                "last": number == len(options),
            }
        )
    return cards


def _diff(report, request, options):
    """Return (from, to, html) for the options picked in the query string, or the first two."""
    by_pk = {o.pk: o for o in options}
    try:
        old = by_pk.get(int(request.GET.get("from", "")))
        new = by_pk.get(int(request.GET.get("to", "")))
    except ValueError:
        old = new = None
    current = [o for o in options if not o.retired]
    if not (old and new) and len(current) >= 2:
        old, new = current[0], current[1]
    if not (old and new):
        return None
    return {"old": old, "new": new, "html": diffing.inline_diff(old.text, new.text)}


def _render_workbench(model_admin, request, report, *, add_form=None, comment_forms=None):
    cards = _cards(report, request, comment_forms or {})
    options = list(report.headline_options.select_related("chosen_by", "retired_by"))
    errors = [*(add_form.errors.values() if add_form else [])]
    for form in (comment_forms or {}).values():
        errors.extend(form.errors.values())
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Headlines: {report.title}",
        "report": report,
        "opts": Report._meta,
        "cards": cards,
        "options": options,
        "chosen": next((o for o in options if o.chosen), None),
        "retired": [o for o in options if o.retired],
        "diff": _diff(report, request, options),
        "add_form": add_form or OptionForm(auto_id="id_add_%s"),
        "can": headlines.allowed(request.user),
        "has_errors": bool(errors),
        "limit": headline_metrics.TITLE_LIMIT,
    }
    return TemplateResponse(request, TEMPLATES + "workbench.html", context)


def workbench(request, model_admin, object_id):
    """Show every current option of a report side by side with its metrics."""
    report = _report(model_admin, request, object_id)
    return _render_workbench(model_admin, request, report)


@require_POST
def add(request, model_admin, object_id):
    """Add an option from the form at the foot of the workbench."""
    report = _report(model_admin, request, object_id)
    form = OptionForm(request.POST, auto_id="id_add_%s")
    if form.is_valid():
        try:
            option = headlines.add_option(report, by=request.user, **form.cleaned_data)
        except NotPermitted as error:
            return _refused(model_admin, request, report, error)
        except HeadlineRefused as error:
            form.add_error(error.field, str(error))
        except GovreportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Added the option \u201c{option.text}\u201d.")
            return _back(report, option)
    return _render_workbench(model_admin, request, report, add_form=form)


def edit(request, model_admin, object_id, option_id):
    """Rewrite an option's text or notes on a page of its own."""
    report = _report(model_admin, request, object_id)
    option = _option(report, option_id)
    form = OptionForm(request.POST or None, initial={"text": option.text, "notes": option.notes})
    if request.method == "POST" and form.is_valid():
        try:
            headlines.edit_option(option, by=request.user, **form.cleaned_data)
        except NotPermitted as error:
            return _refused(model_admin, request, report, error)
        except HeadlineRefused as error:
            form.add_error(error.field, str(error))
        except GovreportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved the option.")
            return _back(report, option)
    elif not headlines.allowed(request.user)["edit"]:
        return _refused(model_admin, request, report, roles.refusal("edit_headline"))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Edit headline option",
        "report": report,
        "option": option,
        "form": form,
        "opts": Report._meta,
    }
    return TemplateResponse(request, TEMPLATES + "edit.html", context)


@require_POST
def move(request, model_admin, object_id, option_id):
    """Move an option one place up or down."""
    report = _report(model_admin, request, object_id)
    option = _option(report, option_id)
    up = request.POST.get("direction") == "up"
    return _act(
        model_admin,
        request,
        report,
        lambda: headlines.move(option, by=request.user, up=up),
        success=f"Moved \u201c{option.text}\u201d {'up' if up else 'down'}.",
        option=option,
    )


def _confirm(model_admin, request, report, option, template, **extra):
    context = {
        **model_admin.admin_site.each_context(request),
        "report": report,
        "option": option,
        "opts": Report._meta,
        **extra,
    }
    return TemplateResponse(request, TEMPLATES + template, context)


def retire(request, model_admin, object_id, option_id):
    """Ask for confirmation, then retire an option."""
    report = _report(model_admin, request, object_id)
    option = _option(report, option_id)
    if request.method == "POST":
        return _act(
            model_admin,
            request,
            report,
            lambda: headlines.retire(option, by=request.user),
            success=f"Retired \u201c{option.text}\u201d. It is listed under retired options.",
        )
    if not headlines.allowed(request.user)["edit"]:
        return _refused(model_admin, request, report, roles.refusal("edit_headline"))
    return _confirm(
        model_admin, request, report, option, "confirm_retire.html", title="Retire this option?"
    )


@require_POST
def comment(request, model_admin, object_id, option_id):
    """Add a comment to an option."""
    report = _report(model_admin, request, object_id)
    option = _option(report, option_id)
    form = CommentForm(request.POST, auto_id=f"id_comment_{option.pk}_%s")
    if form.is_valid():
        try:
            headlines.comment(option, by=request.user, text=form.cleaned_data["text"])
        except NotPermitted as error:
            return _refused(model_admin, request, report, error)
        except HeadlineRefused as error:
            form.add_error(error.field, str(error))
        except GovreportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Added your comment on \u201c{option.text}\u201d.")
            return _back(report, option)
    return _render_workbench(model_admin, request, report, comment_forms={option.pk: form})


def _option_action(change, success):
    """Return a POST view that makes one change to an option and says what it did."""

    @require_POST
    def view(request, model_admin, object_id, option_id):
        report = _report(model_admin, request, object_id)
        option = _option(report, option_id)
        return _act(
            model_admin,
            request,
            report,
            lambda: change(option, by=request.user),
            success=success.format(text=option.text),
            option=option,
        )

    return view


restore = _option_action(headlines.restore, "Restored \u201c{text}\u201d.")
prefer = _option_action(headlines.prefer, "Marked \u201c{text}\u201d as the preferred option.")
vote = _option_action(headlines.vote, "You voted for \u201c{text}\u201d.")
unvote = _option_action(headlines.unvote, "You withdrew your vote for \u201c{text}\u201d.")


def choose(request, model_admin, object_id, option_id):
    """Ask for confirmation and an optional reason, then choose an option."""
    report = _report(model_admin, request, object_id)
    option = _option(report, option_id)
    form = ChooseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _act(
            model_admin,
            request,
            report,
            lambda: headlines.choose(
                report, option, by=request.user, reason=form.cleaned_data["reason"]
            ),
            success=f"Chose \u201c{option.text}\u201d. It will be the report's title "
            "in its next edition.",
            option=option,
        )
    if not headlines.allowed(request.user)["choose"]:
        return _refused(model_admin, request, report, roles.refusal("choose_headline"))
    previous = report.chosen_headline()
    return _confirm(
        model_admin,
        request,
        report,
        option,
        "confirm_choose.html",
        title="Choose this headline?",
        form=form,
        previous=previous,
    )
