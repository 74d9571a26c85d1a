CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL,
  email         TEXT NOT NULL
);
CREATE TABLE api_tokens (user_id INTEGER NOT NULL REFERENCES users (id), token TEXT NOT NULL);
-- Passwords: admin-Pa55!, wonderland, builder42, shamrock, edelweiss (SHA-256, hex). zoë has a letter outside ASCII.
INSERT INTO users (id, username, password_hash, role, email) VALUES
  (1, 'admin', '1c6c10e94290d678341b66bbc92eddb02e100feb4ab6e3b3a90c4b81c5185beb', 'admin', 'admin@shop.test'),
  (2, 'alice', 'a71a7c7011f53a1bab3642ec2ce12593f05230ace8de1e3e7645f69efac1443d', 'customer', 'alice@shop.test'),
  (3, 'bob', '59ffa03f9d53746d989d29e1510bece2e13045cabdb23fb3fe81a8748908e9a9', 'customer', 'bob@shop.test'),
  (4, 'o''brien', '776488775500737b9e1072f1b38e50a1c9561c2a6ccf5d3e3ca4ec575a864192', 'staff', 'obrien@shop.test'),
  (5, 'zoë', '1274ef076915e58fdf0fc98c2d48fbe336301d02278bdb4c29a107df99fa826d', 'customer', 'zoe@shop.test');
INSERT INTO api_tokens (user_id, token) VALUES
  (1, 'tok_live_9f8e7d6c5b4a'), (2, 'tok_live_1a2b3c4d5e6f');
