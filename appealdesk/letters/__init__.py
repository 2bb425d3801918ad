"""Outgoing letters of an appeal, from Word templates the office can edit: the kinds and their terms
(``kinds``), the placeholders and their values (``fields``), the default templates (``defaults``),
filling and checking a template (``render``), Russian names in a letter (``names``)."""
