"""What the connectors and the action server share: the claim an authenticated door signs."""
