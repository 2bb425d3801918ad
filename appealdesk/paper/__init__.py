"""The one document model of every printed paper (``model``), its one PDF renderer (``pdf``, with the
charts of ``charts``), and a Word document read into the model (``docx_reader``: the letters)."""
