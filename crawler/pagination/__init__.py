"""Pure decoders for the pagination schemes of each CMS family."""
