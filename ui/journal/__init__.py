"""The journal of appeals: the lazy table model, the filters, the search box and the export."""
