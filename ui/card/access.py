"""What the signed-in person may change on the card: the rest is shown read-only. The service refuses it
anyway; the card only does not invite the attempt (a viewer reads, an executor answers their own
questions, the resolution and the extension are the head's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from appealdesk.domain.roles import Permission as P

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def is_mine(desk: AppealDesk, card) -> bool:
    """Whether the appeal is assigned to the signed-in executor (its executor or a question's)."""
    who = desk.current_user
    if card is None or who is None or who.official_id is None:
        return False
    return who.official_id in ({card.executor_id} | {q.executor_id for q in card.questions})


def may_edit(desk: AppealDesk, card) -> bool:
    return desk.can(P.REGISTER if card is None else P.EDIT)


def may_answer(desk: AppealDesk, card) -> bool:
    who = desk.current_user
    return desk.can(P.ANSWER) and (who.role != "executor" or is_mine(desk, card))


def restrict(window) -> None:
    desk, card = window.desk, window.card
    can = desk.can
    edit, answer = may_edit(desk, card), card is not None and may_answer(desk, card)
    own = desk.current_user is not None and (desk.current_user.role != "executor" or is_mine(desk, card))
    window.registration.setEnabled(edit)
    res = window.resolution
    for w in (res.resolution, res.resolution_by, res.resolution_on):
        w.setEnabled(can(P.RESOLUTION))
    for w in (res.on_control, res.commission, res.on_site, res.with_author, res.is_repeated):
        w.setEnabled(edit)
    res.previous_number.setEnabled(edit and res.is_repeated.isChecked())
    p = window.progress
    p.extend_button.setEnabled(p.extend_button.isEnabled() and can(P.EXTEND))
    p.forward_button.setEnabled(p.forward_button.isEnabled() and can(P.FORWARD))
    for b in (p.extension_notice_button, p.forward_notice_button):
        b.setEnabled(can(P.NOTICE))
    p.promise_button.setEnabled(p.promise_button.isEnabled() and can(P.PROMISE) and own)
    for w in (p.answer_on, p.answer_number, p.method, p.satisfaction, p.ground, p.answer_text, p.results):
        w.setEnabled(answer or card is None)
    if not can(P.CLOSE):
        p.close_check.setChecked(False)
    p.close_check.setEnabled(can(P.CLOSE))
    p.close_check.setToolTip("" if can(P.CLOSE) else "Обращение закрывает специалист по обращениям или глава")
    a = window.attachments
    a.add_button.setEnabled(a.add_button.isEnabled() and can(P.ATTACH) and own)
    a.remove_button.setEnabled(a.remove_button.isEnabled() and can(P.DETACH))
    window.reopen_button.setVisible(can(P.REOPEN))
    window.save_button.setEnabled(edit or answer)
    window.read_only = not (edit or answer)
