"""Staff sign-in: lockout after repeated wrong passwords, and two-factor authentication."""
