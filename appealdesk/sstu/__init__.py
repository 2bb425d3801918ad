"""The monthly upload to ССТУ.РФ (Указ Президента № 171): see ``payload``, ``checks``, ``archive``."""
