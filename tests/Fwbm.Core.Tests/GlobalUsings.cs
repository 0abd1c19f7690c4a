global using Fwbm.TestSupport;
