-- One PostgreSQL server, one database per service (a service never reads another's).
create database officials;
create database agreements;
create database events;
create database gateway;
